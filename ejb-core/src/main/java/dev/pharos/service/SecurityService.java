package dev.pharos.service;

import dev.pharos.security.BearerTokenVerifier;
import dev.pharos.security.GeneratedAdmin;
import dev.pharos.security.LdapDirectory;
import dev.pharos.security.LdapSettings;
import dev.pharos.security.OidcBrowserLogin;
import dev.pharos.security.OidcProvider;
import dev.pharos.security.OidcSettings;
import dev.pharos.security.SecurityConfigException;
import dev.pharos.security.User;
import dev.pharos.security.UserDirectory;
import dev.pharos.security.UserListParser;
import dev.pharos.security.WebConfigFile;
import dev.pharos.httpclient.SelfCredentials;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * The users of all three faces, built once at start from the operating interface:
 * {@code PHAROS_USERS}, {@code PHAROS_WEB_CONFIG_FILE} (Prometheus's web.config.file), an LDAP
 * directory ({@code PHAROS_LDAP_*}), bearer tokens of an OpenID Connect provider
 * ({@code PHAROS_OIDC_*}) and, if none of these is set, the generated admin whose password is
 * logged once.
 * {@code PHAROS_AUTH=none} opens every face to anonymous callers for a local trial.
 *
 * <p>An invalid setting stops authentication altogether (every request is refused) rather
 * than silently opening anything; the log says what is wrong.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SecurityService {

    public static final String AUTH = "pharos.auth";
    public static final String USERS = "pharos.users";
    public static final String WEB_CONFIG_FILE = "pharos.web.config.file";
    public static final String MAX_REQUEST_BYTES = "pharos.web.max-request-bytes";
    private static final long DEFAULT_MAX_REQUEST_BYTES = 64L << 20;
    public static final String MAX_IMPORT_BYTES = "pharos.web.max-import-bytes";
    private static final long DEFAULT_MAX_IMPORT_BYTES = 1L << 30;

    private static final Logger LOG = Logger.getLogger(SecurityService.class.getName());

    @Inject
    Settings settings;

    private volatile UserDirectory directory;
    private volatile LdapDirectory ldap;
    private volatile BearerTokenVerifier bearer;
    private volatile OidcBrowserLogin browserLogin;
    private volatile boolean open;
    private volatile Map<String, String> headers = Map.of();
    private volatile String problem;
    private volatile long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private volatile long maxImportBytes = DEFAULT_MAX_IMPORT_BYTES;
    /** The token Pharos sends to its own faces (see SelfCredentials); null when security is off. */
    private volatile byte[] selfToken;

    @PostConstruct
    void start() {
        maxRequestBytes = bytes(MAX_REQUEST_BYTES, DEFAULT_MAX_REQUEST_BYTES);
        maxImportBytes = bytes(MAX_IMPORT_BYTES, DEFAULT_MAX_IMPORT_BYTES);
        open = "none".equalsIgnoreCase(settings.get(AUTH, "basic").trim());
        if (open) {
            LOG.warning("PHAROS_AUTH=none: every face of Pharos is open to anyone, with every role. "
                    + "Use this for a local trial only.");
            return;
        }
        try {
            directory = load();
        } catch (SecurityConfigException | IOException e) {
            problem = e.getMessage();
            LOG.severe("Security configuration is invalid, every request will be refused: " + e.getMessage());
        }
        installSelfToken();
    }

    /**
     * A fresh random token per start, for Pharos's calls to its own faces (self-scrape,
     * alerts to its own Alertmanager); only in memory, never logged.
     */
    private void installSelfToken() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        selfToken = token.getBytes(StandardCharsets.US_ASCII);
        List<Integer> ports = new ArrayList<>(List.of(settings.httpPort(), settings.pushPort(), settings.alertPort()));
        for (String https : List.of("pharos.https.port", "pharos.push.https.port", "pharos.alert.https.port")) {
            settings.get(https).map(String::trim).filter(v -> v.matches("\\d+")).map(Integer::valueOf)
                    .ifPresent(ports::add);
        }
        SelfCredentials.install(token, ports);
    }

    @PreDestroy
    void stop() {
        SelfCredentials.uninstall();
    }

    /** Whether {@code token} is this start's self token (compared in constant time). */
    public boolean isSelfToken(String token) {
        byte[] mine = selfToken;
        return mine != null && token != null
                && MessageDigest.isEqual(mine, token.getBytes(StandardCharsets.US_ASCII));
    }

    private long bytes(String setting, long defaultValue) {
        String text = settings.get(setting, String.valueOf(defaultValue)).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warning("Invalid " + setting + " \"" + text + "\"; using " + defaultValue);
            return defaultValue;
        }
    }

    private UserDirectory load() throws SecurityConfigException, IOException {
        List<User> users = new ArrayList<>(UserListParser.parse(settings.get(USERS, ""), "PHAROS_USERS"));
        Optional<String> webConfig = settings.get(WEB_CONFIG_FILE).filter(s -> !s.isBlank());
        if (webConfig.isPresent()) {
            WebConfigFile file = WebConfigFile.load(Paths.get(webConfig.get()));
            users.addAll(file.users());
            headers = file.headers();
            if (!file.tlsServerConfig().isEmpty()) {
                LOG.warning("web config file " + webConfig.get() + ": tls_server_config is not applied; "
                        + "Pharos's HTTPS is set by PHAROS_KEYSTORE and the HTTPS port settings (see README)");
            }
        }
        LdapSettings ldapSettings = LdapSettings.from(k -> settings.get(k).orElse(null));
        if (ldapSettings != null) {
            ldap = new LdapDirectory(ldapSettings);
            LOG.info("Security: users of LDAP directory " + ldapSettings.url() + " can log in");
        }
        OidcSettings oidc = OidcSettings.from(k -> settings.get(k).orElse(null));
        if (oidc != null) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            OidcProvider provider = new OidcProvider(oidc.issuer(), http);
            bearer = new BearerTokenVerifier(oidc, provider, Clock.systemUTC());
            if (oidc.clientId() != null) {
                browserLogin = new OidcBrowserLogin(oidc, provider, Clock.systemUTC());
                LOG.info("Security: browsers log in through " + oidc.issuer() + " as client " + oidc.clientId());
            }
            LOG.info("Security: bearer tokens of OpenID Connect provider " + oidc.issuer() + " are accepted");
        }
        if (users.isEmpty() && ldap == null && bearer == null) {
            Path hashFile = settings.dataDir().resolve("security").resolve("admin.bcrypt");
            GeneratedAdmin.Result admin = GeneratedAdmin.loadOrCreate(hashFile);
            if (admin.newPassword() != null) {
                // Printed once, on purpose: this is how the operator learns it. Only the hash is kept.
                LOG.warning("No users are configured (PHAROS_USERS, PHAROS_WEB_CONFIG_FILE). Created user \"admin\" "
                        + "with password " + admin.newPassword() + " ; only its hash is stored, in " + hashFile
                        + ". Set PHAROS_USERS to choose your own users.");
            } else {
                LOG.info("No users are configured; the generated admin of " + hashFile + " can log in.");
            }
            users.add(admin.user());
        }
        UserDirectory d = new UserDirectory(users);
        LOG.info("Security: " + d.size() + " user(s) can log in with HTTP basic authentication");
        return d;
    }

    /** Whether anonymous callers get every role ({@code PHAROS_AUTH=none}). */
    public boolean isOpen() {
        return open;
    }

    /**
     * The roles of a user whose password is right: local users first, then the LDAP directory.
     * Empty otherwise, and always if the setup is invalid.
     */
    public Optional<Set<String>> authenticate(String user, String password) {
        UserDirectory d = directory;
        if (d == null) {
            return Optional.empty();
        }
        Optional<Set<String>> local = d.authenticate(user, password);
        if (local.isPresent() || ldap == null) {
            return local;
        }
        try {
            return ldap.authenticate(user, password);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "LDAP login of " + user + " failed: " + e);
            return Optional.empty();
        }
    }

    /** Whether bearer tokens of an OpenID Connect provider are accepted. */
    public boolean acceptsBearerTokens() {
        return bearer != null && directory != null;
    }

    /** The browser login through the OpenID Connect provider, or null if not configured. */
    public OidcBrowserLogin browserLogin() {
        return directory == null ? null : browserLogin;
    }

    /** The caller a valid bearer token names; empty (and the reason logged at FINE) otherwise. */
    public Optional<BearerTokenVerifier.Identity> verifyBearer(String token) {
        BearerTokenVerifier v = bearer;
        if (v == null || directory == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(v.verify(token));
        } catch (GeneralSecurityException e) {
            LOG.fine("Bearer token refused: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The largest request body any endpoint accepts (PHAROS_WEB_MAX_REQUEST_BYTES, default 64 MiB). */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The largest backfill body (PHAROS_WEB_MAX_IMPORT_BYTES, default 1 GiB; it is held in memory while parsed). */
    public long maxImportBytes() {
        return maxImportBytes;
    }

    /** Response headers from the web.config.file's http_server_config. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Why authentication is refused altogether, or null. */
    public String problem() {
        return problem;
    }
}
