package dev.pharos.alertmanager.silence;

/** A rejected silence operation; {@link #notFound()} maps to HTTP 404, anything else to 400. */
public final class SilenceException extends RuntimeException {

    private final boolean notFound;

    public SilenceException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
