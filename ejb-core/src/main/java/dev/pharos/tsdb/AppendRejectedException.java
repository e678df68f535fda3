package dev.pharos.tsdb;

/** A sample the storage refused, with the reason Prometheus gives for it. */
public final class AppendRejectedException extends Exception {

    /** Why a sample was rejected; the names follow Prometheus's storage errors. */
    public enum Reason {
        OUT_OF_ORDER("out of order sample"),
        DUPLICATE("duplicate sample for timestamp"),
        OUT_OF_BOUNDS("out of bounds"),
        TOO_OLD("too old sample");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public AppendRejectedException(Reason reason) {
        // Thrown per rejected sample on a hot path: no stack trace.
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
