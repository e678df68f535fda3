package dev.pharos.config;

/**
 * The file is valid as far as Pharos can tell but uses a feature Pharos does not implement
 * (another service discovery mechanism, sigv4, ...). The reason is {@code unsupported: <field>}.
 */
public final class UnsupportedConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String feature;

    public UnsupportedConfigException(String file, int line, String field, String feature) {
        super(file, line, field, "unsupported: " + feature);
        this.feature = feature;
    }

    /** The YAML key of the unsupported feature, e.g. {@code kubernetes_sd_configs}. */
    public String feature() {
        return feature;
    }

    @Override
    public boolean isUnsupported() {
        return true;
    }
}
