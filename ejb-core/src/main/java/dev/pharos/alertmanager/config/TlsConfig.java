package dev.pharos.alertmanager.config;

/** {@code tls_config}: CA, client certificate and key (inline or from files), server name, verification. */
public record TlsConfig(String ca, String caFile, String cert, String certFile, String key, String keyFile,
        String serverName, boolean insecureSkipVerify, String minVersion) {

    public static final TlsConfig DEFAULT = new TlsConfig("", "", "", "", "", "", "", false, "");
}
