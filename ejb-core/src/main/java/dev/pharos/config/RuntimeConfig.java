package dev.pharos.config;

/** {@code runtime}: Go runtime tuning; kept for the status output, it has no meaning in a JVM. */
public record RuntimeConfig(int gogc) {
    public static final RuntimeConfig DEFAULT = new RuntimeConfig(75);
}
