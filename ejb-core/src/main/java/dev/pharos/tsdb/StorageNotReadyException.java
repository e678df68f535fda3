package dev.pharos.tsdb;

/** The storage is still opening (replaying its WAL); the HTTP API answers 503 as Prometheus does. */
public final class StorageNotReadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public StorageNotReadyException() {
        super("the TSDB is not ready yet: WAL replay in progress");
    }
}
