package dev.pharos.service;

import dev.pharos.httpclient.SelfCredentials;
import dev.pharos.security.BearerTokenVerifier;
import dev.pharos.security.OidcBrowserLogin;
import dev.pharos.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.logging.Logger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a caller proves who they are, on all three faces: HTTP basic authentication, as the
 * originals' web.config.file offers it (Grafana, promtool, amtool, client libraries and
 * Prometheus's own http_config speak it), or a bearer token of the configured OpenID Connect
 * provider (Prometheus's authorization/oauth2 http_config, Grafana with OAuth pass-through).
 * With a client id configured, a browser asking for a page without credentials is sent to
 * the provider to log in (authorization code flow); the session then remembers the user. Every path needs a known caller except the health
 * probes; which role a path needs is declared by the endpoint (@RolesAllowed,
 * @ServletSecurity) and enforced by the container.
 */
@ApplicationScoped
public class PharosAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Pharos";
    /** Where the OpenID Connect provider sends a browser back after login. */
    static final String CALLBACK = "/-/oidc/callback";
    /** Who Pharos is when it calls its own faces, and all it may do there: scrape and send alerts. */
    static final String SELF_USER = "pharos-self";
    static final Set<String> SELF_ROLES = Set.of(Role.READER.roleName(), Role.ALERT_SENDER.roleName());
    private static final String SESSION_USER = "pharos.user";
    private static final String SESSION_ROLES = "pharos.roles";
    private static final String SESSION_STATE = "pharos.oidc.state";
    private static final String SESSION_NONCE = "pharos.oidc.nonce";
    private static final String SESSION_RETURN = "pharos.oidc.return";
    private static final Logger LOG = Logger.getLogger(PharosAuthenticationMechanism.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    SecurityService security;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isOpenPath(path)) {
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential credential = basic(header.substring(6).trim());
            if (credential != null) {
                CredentialValidationResult result = identityStores.validate(credential);
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return challenge(response, context);
        }
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        if (bearer != null && security.isSelfToken(bearer) && SelfCredentials.isLoopback(request.getRemoteAddr())) {
            // Pharos calling itself: its self-scrape and alerts to its own Alertmanager.
            return context.notifyContainerAboutLogin(SELF_USER, SELF_ROLES);
        }
        if (bearer != null && security.acceptsBearerTokens()) {
            return security.verifyBearer(bearer)
                    .map(id -> context.notifyContainerAboutLogin(id.name(), id.roles()))
                    .orElseGet(() -> challenge(response, context));
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof String user
                && session.getAttribute(SESSION_ROLES) instanceof String roles) {
            return context.notifyContainerAboutLogin(user, roles.isEmpty() ? Set.of() : Set.of(roles.split(",")));
        }
        if (security.isOpen()) {
            return context.notifyContainerAboutLogin("anonymous", Role.ALL_NAMES);
        }
        OidcBrowserLogin login = security.browserLogin();
        if (login != null) {
            if (path.equals(CALLBACK)) {
                return finishLogin(login, request, context);
            }
            String accept = request.getHeader("Accept");
            if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
                return startLogin(login, request, context);
            }
        }
        return challenge(response, context);
    }

    /** Sends a browser that asks for a page to the provider, remembering where it wanted to go. */
    private AuthenticationStatus startLogin(OidcBrowserLogin login, HttpServletRequest request,
            HttpMessageContext context) {
        HttpSession session = request.getSession(true);
        String state = OidcBrowserLogin.random();
        String nonce = OidcBrowserLogin.random();
        String back = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        session.setAttribute(SESSION_STATE, state);
        session.setAttribute(SESSION_NONCE, nonce);
        session.setAttribute(SESSION_RETURN, back);
        try {
            return context.redirect(login.authorizationUrl(callbackUrl(request), state, nonce));
        } catch (IOException e) {
            LOG.warning("OpenID Connect login cannot start: " + e.getMessage());
            return context.responseUnauthorized();
        }
    }

    /** The provider sent the browser back: trade the code, check the ID token, start the session. */
    private AuthenticationStatus finishLogin(OidcBrowserLogin login, HttpServletRequest request,
            HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        if (session == null || state == null || code == null || !state.equals(session.getAttribute(SESSION_STATE))) {
            return context.responseUnauthorized(); // not the login this browser started
        }
        try {
            BearerTokenVerifier.Identity id = login.finish(code, callbackUrl(request),
                    (String) session.getAttribute(SESSION_NONCE));
            String back = (String) session.getAttribute(SESSION_RETURN);
            session.removeAttribute(SESSION_STATE);
            session.removeAttribute(SESSION_NONCE);
            request.changeSessionId(); // a new session id once logged in (session fixation)
            session.setAttribute(SESSION_USER, id.name());
            session.setAttribute(SESSION_ROLES, String.join(",", id.roles()));
            return context.redirect(back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/");
        } catch (IOException | GeneralSecurityException e) {
            LOG.warning("OpenID Connect login refused: " + e.getMessage());
            return context.responseUnauthorized();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return context.responseUnauthorized();
        }
    }

    private static String callbackUrl(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath() + CALLBACK;
    }

    /** Health probes answer without credentials, as Kubernetes and load balancers expect. */
    static boolean isOpenPath(String path) {
        return path.equals("/-/healthy") || path.equals("/-/ready");
    }

    private static UsernamePasswordCredential basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        if (security.acceptsBearerTokens()) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        }
        return context.responseUnauthorized();
    }
}
