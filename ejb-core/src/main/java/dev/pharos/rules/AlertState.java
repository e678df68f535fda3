package dev.pharos.rules;

/** State of one alert instance; {@link #wireName()} is the {@code alertstate} label and API value. */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
