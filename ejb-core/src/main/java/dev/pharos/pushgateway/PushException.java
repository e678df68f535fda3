package dev.pharos.pushgateway;

/**
 * A push, delete or request the Pushgateway refuses: the HTTP status the original answers
 * with (400 for malformed or inconsistent pushes, 413, 429 for Pharos's own limits) and
 * the message it writes into the body.
 */
public final class PushException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public PushException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
