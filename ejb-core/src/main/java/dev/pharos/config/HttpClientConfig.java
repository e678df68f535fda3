package dev.pharos.config;

import java.util.List;
import java.util.Map;

/**
 * {@code <http_config>}: authentication, TLS and proxy settings shared by scrape configs,
 * Alertmanager configs and remote write/read. The legacy {@code bearer_token(_file)} fields are
 * folded into {@link #authorization()} with type Bearer, as Prometheus does. At most one of
 * basicAuth, authorization and oauth2 is set.
 */
public record HttpClientConfig(
        BasicAuth basicAuth,
        Authorization authorization,
        OAuth2 oauth2,
        TlsConfig tlsConfig,
        boolean followRedirects,
        boolean enableHttp2,
        String proxyUrl,
        String noProxy,
        boolean proxyFromEnvironment,
        Map<String, List<Secret>> proxyConnectHeader,
        Map<String, Header> httpHeaders) {

    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, null, TlsConfig.EMPTY,
            true, true, "", "", false, Map.of(), Map.of());

    public HttpClientConfig {
        tlsConfig = tlsConfig == null ? TlsConfig.EMPTY : tlsConfig;
        proxyConnectHeader = proxyConnectHeader == null ? Map.of() : proxyConnectHeader;
        httpHeaders = httpHeaders == null ? Map.of() : httpHeaders;
    }

    /** {@code basic_auth}; username_file/password_file are paths resolved against the config folder. */
    public record BasicAuth(String username, String usernameFile, Secret password, String passwordFile) {
    }

    /** {@code authorization}: type defaults to Bearer. */
    public record Authorization(String type, Secret credentials, String credentialsFile) {
    }

    /** {@code oauth2}: client credentials (or JWT bearer) grant. */
    public record OAuth2(
            String clientId,
            Secret clientSecret,
            String clientSecretFile,
            String grantType,
            Secret clientCertificateKey,
            String clientCertificateKeyFile,
            String clientCertificateKeyId,
            String signatureAlgorithm,
            String iss,
            String audience,
            Map<String, String> claims,
            List<String> scopes,
            String tokenUrl,
            Map<String, String> endpointParams,
            TlsConfig tlsConfig,
            String proxyUrl,
            String noProxy,
            boolean proxyFromEnvironment,
            Map<String, List<Secret>> proxyConnectHeader) {
    }

    /** One entry of {@code http_headers}: plain values, secret values and files to read values from. */
    public record Header(List<String> values, List<Secret> secrets, List<String> files) {
    }
}
