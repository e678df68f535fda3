package dev.pharos.tsdb.wal;

/**
 * Live progress of a WAL replay, readable from other threads while the replay runs: what
 * /api/v1/status/walreplay reports before the server is ready. {@code min} and {@code max} are
 * the first and last segment to read after the checkpoint, {@code current} the segment being
 * read; all -1 until known. The state goes waiting, in progress, done.
 */
public final class WalReplayProgress {

    /** Prometheus's three states, with its wording. */
    public enum State {
        WAITING("waiting"), IN_PROGRESS("in progress"), DONE("done");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private volatile State state = State.WAITING;
    private volatile int min = -1;
    private volatile int max = -1;
    private volatile int current = -1;

    void start(int first, int last) {
        min = first;
        max = last;
        state = State.IN_PROGRESS;
    }

    void reading(int segment) {
        current = segment;
    }

    /** Marks the replay finished (also when there was no WAL to read). */
    public void done() {
        if (max >= 0) {
            current = max;
        }
        state = State.DONE;
    }

    public State state() {
        return state;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public int current() {
        return current;
    }
}
