package dev.pharos.promql.engine;

import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.SampleIterator;
import java.util.Arrays;

/**
 * Feeds a {@link Window} from a {@link SampleIterator} as the window slides forward: samples
 * leaving on the left are dropped, new ones are read from the iterator, so each raw sample
 * is read once per series no matter how much consecutive windows overlap.
 */
final class SlidingWindow {
    private SampleIterator it;
    private long[] t = new long[64];
    private double[] v = new double[64];
    private int head;
    private int tail;
    private boolean pending;
    private boolean exhausted;
    private boolean started;
    private long lastTs;

    SlidingWindow(SampleIterator it) {
        this.it = it;
    }

    /** Starts over on another series, keeping the buffers (one window serves all series of a selector). */
    void reset(SampleIterator next) {
        this.it = next;
        head = 0;
        tail = 0;
        pending = false;
        exhausted = false;
        started = false;
    }

    /** Moves to (mint, maxt]; both must not decrease between calls. Returns samples read. */
    int advance(long mint, long maxt, Window w) {
        int read = 0;
        while (head < tail && t[head] <= mint) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        while (!exhausted) {
            if (!pending) {
                boolean ok = head == tail ? it.seek(started ? Math.max(mint + 1, lastTs + 1) : mint + 1) : it.next();
                if (!ok) {
                    exhausted = true;
                    break;
                }
                pending = true;
            }
            long ts = it.timestamp();
            if (ts > maxt) {
                break;
            }
            pending = false;
            started = true;
            lastTs = ts;
            if (ts <= mint) {
                continue;
            }
            double val = it.value();
            if (StaleNaN.is(val)) {
                continue;
            }
            if (tail == t.length) {
                if (head > t.length / 2) {
                    System.arraycopy(t, head, t, 0, tail - head);
                    System.arraycopy(v, head, v, 0, tail - head);
                    tail -= head;
                    head = 0;
                } else {
                    t = Arrays.copyOf(t, t.length * 2);
                    v = Arrays.copyOf(v, v.length * 2);
                }
            }
            t[tail] = ts;
            v[tail] = val;
            tail++;
            read++;
        }
        w.t = t;
        w.v = v;
        w.from = head;
        w.to = tail;
        return read;
    }
}
