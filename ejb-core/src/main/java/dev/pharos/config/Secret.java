package dev.pharos.config;

import java.util.Objects;

/**
 * A secret configuration value (password, credentials, ...). {@link #toString()} never shows it,
 * so it cannot leak into logs or the status page by accident; {@link #value()} reads it.
 */
public final class Secret {

    public static final String MASK = "<secret>";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The secret, or null for a null or empty string (an unset secret). */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
