package dev.pharos.alertmanager.config;

import dev.pharos.config.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code http_config} as Prometheus' common HTTP client config: authentication (basic,
 * authorization, bearer, OAuth2 client credentials), TLS, proxy (proxy_url with no_proxy, or
 * proxy_from_environment, and proxy_connect_header), headers. Defaults: follow_redirects and
 * enable_http2 true. {@code oauth2} is the Prometheus configuration's record, and
 * {@link #toShared()} gives the whole setting as that record, so that the shared
 * {@code dev.pharos.httpclient} client serves receivers and scraping alike.
 */
public record HttpClientConfig(String basicAuthUsername, String basicAuthPassword, String basicAuthPasswordFile,
        String authorizationType, String authorizationCredentials, String authorizationCredentialsFile,
        String bearerToken, String bearerTokenFile, TlsConfig tlsConfig, String proxyUrl,
        boolean followRedirects, boolean enableHttp2, Map<String, List<String>> headers,
        dev.pharos.config.HttpClientConfig.OAuth2 oauth2, String noProxy, boolean proxyFromEnvironment,
        String basicAuthUsernameFile, Map<String, List<String>> proxyConnectHeader) {

    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, null, null, null, null,
            null, null, TlsConfig.DEFAULT, null, true, true, Map.of(), null, "", false, "", Map.of());

    /** Marks an http_headers value that is a file to read at send time. */
    public static final String FILE_PREFIX = "\u0000file:";

    public boolean hasBasicAuth() {
        return basicAuthUsername != null;
    }

    public boolean hasAuthorization() {
        return authorizationType != null;
    }

    /** A copy carrying a bearer authorization (used for Slack app tokens). */
    public HttpClientConfig withAuthorization(String type, String credentials, String credentialsFile) {
        return new HttpClientConfig(basicAuthUsername, basicAuthPassword, basicAuthPasswordFile, type, credentials,
                credentialsFile, bearerToken, bearerTokenFile, tlsConfig, proxyUrl, followRedirects, enableHttp2,
                headers, oauth2, noProxy, proxyFromEnvironment, basicAuthUsernameFile, proxyConnectHeader);
    }

    /**
     * Relative file names (username, passwords, credentials, tokens, CA/certificate/key, OAuth2
     * secret and TLS files, header files) resolved against the configuration file's folder, as
     * Prometheus' common config SetDirectory does.
     */
    public HttpClientConfig withDirectory(Path dir) {
        UnaryOperator<String> j = f -> f == null || f.isEmpty() || Path.of(f).isAbsolute() ? f
                : dir.resolve(f).normalize().toString();
        TlsConfig t = tlsConfig == null ? null : tlsConfig.withFiles(j);
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, vs) -> h.put(k, vs.stream().map(v -> v.startsWith(FILE_PREFIX)
                ? FILE_PREFIX + j.apply(v.substring(FILE_PREFIX.length())) : v).toList()));
        dev.pharos.config.HttpClientConfig.OAuth2 o = oauth2 == null ? null
                : new dev.pharos.config.HttpClientConfig.OAuth2(oauth2.clientId(), oauth2.clientSecret(),
                        j.apply(oauth2.clientSecretFile()), oauth2.grantType(), oauth2.clientCertificateKey(),
                        j.apply(oauth2.clientCertificateKeyFile()), oauth2.clientCertificateKeyId(),
                        oauth2.signatureAlgorithm(), oauth2.iss(), oauth2.audience(), oauth2.claims(), oauth2.scopes(),
                        oauth2.tokenUrl(), oauth2.endpointParams(), withFiles(oauth2.tlsConfig(), j),
                        oauth2.proxyUrl(), oauth2.noProxy(), oauth2.proxyFromEnvironment(),
                        oauth2.proxyConnectHeader());
        return new HttpClientConfig(basicAuthUsername, basicAuthPassword, j.apply(basicAuthPasswordFile),
                authorizationType, authorizationCredentials, j.apply(authorizationCredentialsFile), bearerToken,
                j.apply(bearerTokenFile), t, proxyUrl, followRedirects, enableHttp2, h, o, noProxy,
                proxyFromEnvironment, j.apply(basicAuthUsernameFile), proxyConnectHeader);
    }

    private static dev.pharos.config.TlsConfig withFiles(dev.pharos.config.TlsConfig t, UnaryOperator<String> j) {
        return t == null ? null : new dev.pharos.config.TlsConfig(t.ca(), j.apply(t.caFile()), t.cert(),
                j.apply(t.certFile()), t.key(), j.apply(t.keyFile()), t.serverName(), t.insecureSkipVerify(),
                t.minVersion(), t.maxVersion());
    }

    /**
     * The same setting as the shared {@code http_config} record of dev.pharos.config: the
     * legacy bearer_token(_file) becomes a Bearer authorization, http_headers values and files
     * keep their order (values and secrets first, then files).
     */
    public dev.pharos.config.HttpClientConfig toShared() {
        dev.pharos.config.HttpClientConfig.BasicAuth basic = hasBasicAuth()
                ? new dev.pharos.config.HttpClientConfig.BasicAuth(basicAuthUsername, orEmpty(basicAuthUsernameFile),
                        Secret.of(basicAuthPassword), orEmpty(basicAuthPasswordFile))
                : null;
        dev.pharos.config.HttpClientConfig.Authorization auth = null;
        if (hasAuthorization()) {
            auth = new dev.pharos.config.HttpClientConfig.Authorization(authorizationType,
                    Secret.of(authorizationCredentials), orEmpty(authorizationCredentialsFile));
        } else if (bearerToken != null || bearerTokenFile != null) {
            auth = new dev.pharos.config.HttpClientConfig.Authorization("Bearer", Secret.of(bearerToken),
                    orEmpty(bearerTokenFile));
        }
        Map<String, dev.pharos.config.HttpClientConfig.Header> h = new LinkedHashMap<>();
        headers.forEach((name, vs) -> {
            List<String> values = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (String v : vs) {
                if (v.startsWith(FILE_PREFIX)) {
                    files.add(v.substring(FILE_PREFIX.length()));
                } else {
                    values.add(v);
                }
            }
            h.put(name, new dev.pharos.config.HttpClientConfig.Header(List.copyOf(values), List.of(),
                    List.copyOf(files)));
        });
        Map<String, List<Secret>> connect = new LinkedHashMap<>();
        proxyConnectHeader.forEach((name, vs) -> connect.put(name, vs.stream().map(Secret::of)
                .filter(java.util.Objects::nonNull).toList()));
        return new dev.pharos.config.HttpClientConfig(basic, auth, oauth2,
                tlsConfig == null ? dev.pharos.config.TlsConfig.EMPTY : tlsConfig.toShared(), followRedirects,
                enableHttp2, orEmpty(proxyUrl), orEmpty(noProxy), proxyFromEnvironment, connect, h);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
