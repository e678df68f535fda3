package dev.pharos.config;

/**
 * {@code <tls_config>}. File paths are resolved against the config file's folder. Unset
 * strings are "" and unset secrets null.
 */
public record TlsConfig(
        String ca,
        String caFile,
        String cert,
        String certFile,
        Secret key,
        String keyFile,
        String serverName,
        boolean insecureSkipVerify,
        String minVersion,
        String maxVersion) {

    public static final TlsConfig EMPTY = new TlsConfig("", "", "", "", null, "", "", false, "", "");

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
