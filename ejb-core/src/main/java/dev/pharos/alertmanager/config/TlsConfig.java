package dev.pharos.alertmanager.config;

import java.util.function.UnaryOperator;

/** {@code tls_config}: CA, client certificate and key (inline or from files), server name, verification. */
public record TlsConfig(String ca, String caFile, String cert, String certFile, String key, String keyFile,
        String serverName, boolean insecureSkipVerify, String minVersion) {

    public static final TlsConfig DEFAULT = new TlsConfig("", "", "", "", "", "", "", false, "");

    /** From a plain YAML map as an integration keeps it (e-mail's {@code tls_config}); empty map gives DEFAULT. */
    public static TlsConfig fromMap(java.util.Map<?, ?> m) {
        if (m == null || m.isEmpty()) {
            return DEFAULT;
        }
        java.util.function.Function<String, String> s = k -> m.get(k) == null ? "" : String.valueOf(m.get(k));
        return new TlsConfig(s.apply("ca"), s.apply("ca_file"), s.apply("cert"), s.apply("cert_file"),
                s.apply("key"), s.apply("key_file"), s.apply("server_name"),
                "true".equalsIgnoreCase(s.apply("insecure_skip_verify")), s.apply("min_version"));
    }

    /** As a plain YAML map, the inverse of {@link #fromMap}. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        String[][] fields = {{"ca", ca}, {"ca_file", caFile}, {"cert", cert}, {"cert_file", certFile}, {"key", key},
            {"key_file", keyFile}, {"server_name", serverName}, {"min_version", minVersion}};
        for (String[] f : fields) {
            if (f[1] != null && !f[1].isEmpty()) {
                m.put(f[0], f[1]);
            }
        }
        if (insecureSkipVerify) {
            m.put("insecure_skip_verify", Boolean.TRUE);
        }
        return m;
    }

    /** With the file names mapped (resolved against the configuration's folder). */
    TlsConfig withFiles(UnaryOperator<String> f) {
        return new TlsConfig(ca, f.apply(caFile), cert, f.apply(certFile), key, f.apply(keyFile), serverName,
                insecureSkipVerify, minVersion);
    }

    /** The shared record of dev.pharos.config, which the shared HTTP client takes. */
    public dev.pharos.config.TlsConfig toShared() {
        return new dev.pharos.config.TlsConfig(n(ca), n(caFile), n(cert), n(certFile), dev.pharos.config.Secret.of(key),
                n(keyFile), n(serverName), insecureSkipVerify, n(minVersion), "");
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
