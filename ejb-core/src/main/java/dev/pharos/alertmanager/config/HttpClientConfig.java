package dev.pharos.alertmanager.config;

import java.util.List;
import java.util.Map;

/**
 * {@code http_config} as Prometheus' common HTTP client config: authentication (basic,
 * authorization, bearer, OAuth2 client credentials), TLS, proxy (proxy_url with no_proxy, or
 * proxy_from_environment). Defaults: follow_redirects and enable_http2 true. {@code oauth2} is
 * the Prometheus configuration's record so that the shared token client serves both.
 */
public record HttpClientConfig(String basicAuthUsername, String basicAuthPassword, String basicAuthPasswordFile,
        String authorizationType, String authorizationCredentials, String authorizationCredentialsFile,
        String bearerToken, String bearerTokenFile, TlsConfig tlsConfig, String proxyUrl,
        boolean followRedirects, boolean enableHttp2, Map<String, List<String>> headers,
        dev.pharos.config.HttpClientConfig.OAuth2 oauth2, String noProxy, boolean proxyFromEnvironment) {

    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, null, null, null, null,
            null, null, TlsConfig.DEFAULT, null, true, true, Map.of(), null, "", false);

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
                headers, oauth2, noProxy, proxyFromEnvironment);
    }

    /**
     * Relative file names (passwords, credentials, tokens, CA/certificate/key, OAuth2 secret,
     * header files) resolved against the configuration file's folder, as Prometheus' common
     * config SetDirectory does.
     */
    public HttpClientConfig withDirectory(java.nio.file.Path dir) {
        java.util.function.UnaryOperator<String> j = f -> f == null || f.isEmpty()
                || java.nio.file.Path.of(f).isAbsolute() ? f : dir.resolve(f).normalize().toString();
        TlsConfig t = tlsConfig == null ? null : new TlsConfig(tlsConfig.ca(), j.apply(tlsConfig.caFile()),
                tlsConfig.cert(), j.apply(tlsConfig.certFile()), tlsConfig.key(), j.apply(tlsConfig.keyFile()),
                tlsConfig.serverName(), tlsConfig.insecureSkipVerify(), tlsConfig.minVersion());
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        headers.forEach((k, vs) -> h.put(k, vs.stream().map(v -> v.startsWith(FILE_PREFIX)
                ? FILE_PREFIX + j.apply(v.substring(FILE_PREFIX.length())) : v).toList()));
        dev.pharos.config.HttpClientConfig.OAuth2 o = oauth2 == null ? null
                : new dev.pharos.config.HttpClientConfig.OAuth2(oauth2.clientId(), oauth2.clientSecret(),
                        j.apply(oauth2.clientSecretFile()), oauth2.grantType(), oauth2.clientCertificateKey(),
                        j.apply(oauth2.clientCertificateKeyFile()), oauth2.clientCertificateKeyId(),
                        oauth2.signatureAlgorithm(), oauth2.iss(), oauth2.audience(), oauth2.claims(), oauth2.scopes(),
                        oauth2.tokenUrl(), oauth2.endpointParams(), oauth2.tlsConfig(), oauth2.proxyUrl(),
                        oauth2.noProxy(), oauth2.proxyFromEnvironment(), oauth2.proxyConnectHeader());
        return new HttpClientConfig(basicAuthUsername, basicAuthPassword, j.apply(basicAuthPasswordFile),
                authorizationType, authorizationCredentials, j.apply(authorizationCredentialsFile), bearerToken,
                j.apply(bearerTokenFile), t, proxyUrl, followRedirects, enableHttp2, h, o, noProxy,
                proxyFromEnvironment);
    }
}
