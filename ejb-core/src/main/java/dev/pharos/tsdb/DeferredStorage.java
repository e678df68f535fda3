package dev.pharos.tsdb;

/**
 * A {@link Storage} handed out before the database behind it has opened: the server starts
 * its faces at once while the WAL replays (which may take minutes for a large head), as
 * Prometheus does. Until {@link #open(Storage)} every call fails with
 * {@link StorageNotReadyException}; after it, calls go straight to the opened storage.
 */
public final class DeferredStorage implements Storage {

    private volatile Storage target;

    /** Makes every later call use {@code opened}. */
    public void open(Storage opened) {
        target = opened;
    }

    public boolean isOpen() {
        return target != null;
    }

    @Override
    public Appender appender() {
        return opened().appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return opened().querier(mint, maxt);
    }

    private Storage opened() {
        Storage t = target;
        if (t == null) {
            throw new StorageNotReadyException();
        }
        return t;
    }
}
