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
}
