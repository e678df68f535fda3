package dev.pharos.relabel;

/**
 * Which label and metric names are valid, as Prometheus's {@code metric_name_validation_scheme}.
 * Prometheus 3 defaults to UTF-8: any non-empty valid UTF-8 string is a label name.
 */
public enum NameValidation {
    UTF8("utf8"),
    LEGACY("legacy");

    private final String configName;

    NameValidation(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean isValidLabelName(String name) {
        return this == LEGACY ? isLegacyLabelName(name) : isUtf8Name(name);
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isLegacyLabelName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Non-empty and encodable as UTF-8 (no unpaired surrogates). */
    public static boolean isUtf8Name(String name) {
        return name != null && !name.isEmpty() && isValidUtf8(name);
    }

    /** A label value is valid when it is valid UTF-8 (the empty string included). */
    public static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
