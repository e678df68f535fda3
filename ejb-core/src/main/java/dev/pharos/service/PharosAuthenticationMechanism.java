package dev.pharos.service;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a caller proves who they are, on all three faces: HTTP basic authentication, as the
 * originals' web.config.file offers it (Grafana, promtool, amtool, client libraries and
 * Prometheus's own http_config speak it), or a bearer token of the configured OpenID Connect
 * provider (Prometheus's authorization/oauth2 http_config, Grafana with OAuth pass-through). Every path needs a known caller except the health
 * probes; which role a path needs is declared by the endpoint (@RolesAllowed,
 * @ServletSecurity) and enforced by the container.
 */
@ApplicationScoped
public class PharosAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "Pharos";

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
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && security.acceptsBearerTokens()) {
            return security.verifyBearer(header.substring(7).trim())
                    .map(id -> context.notifyContainerAboutLogin(id.name(), id.roles()))
                    .orElseGet(() -> challenge(response, context));
        }
        if (security.isOpen()) {
            return context.notifyContainerAboutLogin("anonymous", Role.ALL_NAMES);
        }
        return challenge(response, context);
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
