package dev.pharos.tsdb;

import dev.pharos.tsdb.chunk.XorIterator;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Iterates the samples of one series over a list of chunks, clamped to [mint, maxt] and without
 * deleted (tombstoned) intervals. Chunks that do not overlap in time - the normal case - are
 * decoded one after the other with one reused decoder; overlapping chunks (out-of-order data,
 * backfilled or not yet compacted overlapping blocks) are merged into arrays once, a later chunk
 * in the given order winning on equal timestamps.
 */
final class ChunkSeriesIterator implements dev.pharos.tsdb.SampleIterator {

    private final ChunkDesc[] chunks;
    private final long mint;
    private final long maxt;
    private final long[] tomb;
    /** No tombstones and no merge: the decoded chunk, clamped to the range, is returned as is. */
    private final boolean plain;
    private final XorIterator it = new XorIterator();
    private int ci = -1;
    private boolean cur;
    private long ts;
    private double val;
    private boolean started;

    private long[] bt = new long[128]; // the current chunk, decoded
    private double[] bv = new double[128];
    private int bi;
    private int bn;

    private long[] mt;
    private double[] mv;
    private int mi = -1;
    private int mn;

    /** @param tombstones inclusive [mint, maxt] pairs of deleted time, or null */
    ChunkSeriesIterator(ChunkDesc[] chunks, long mint, long maxt, long[] tombstones) {
        this.mint = mint;
        this.maxt = maxt;
        this.tomb = tombstones == null || tombstones.length == 0 ? null : tombstones;
        boolean sorted = true;
        boolean overlap = false;
        long prevMax = Long.MIN_VALUE;
        for (int i = 0; i < chunks.length; i++) {
            if (i > 0 && chunks[i].minT < chunks[i - 1].minT) {
                sorted = false;
            }
        }
        ChunkDesc[] cs = chunks;
        if (!sorted) {
            cs = chunks.clone();
            Arrays.sort(cs, Comparator.comparingLong(c -> c.minT)); // stable: keeps priority order
        }
        for (ChunkDesc c : cs) {
            if (c.minT <= prevMax) {
                overlap = true;
                break;
            }
            prevMax = Math.max(prevMax, c.maxT);
        }
        this.chunks = cs;
        if (overlap) {
            merge(chunks);
        }
        this.plain = tomb == null && mt == null;
    }

    private void merge(ChunkDesc[] byPriority) {
        int total = 0;
        for (ChunkDesc c : byPriority) {
            if (c.maxT >= mint && c.minT <= maxt) {
                total += it.reset(c.buf, c.off, c.len).numSamples();
            }
        }
        long[] t = new long[total];
        double[] v = new double[total];
        int n = 0;
        for (ChunkDesc c : byPriority) {
            if (c.maxT < mint || c.minT > maxt) {
                continue;
            }
            it.reset(c.buf, c.off, c.len);
            while (it.next()) {
                long x = it.timestamp();
                if (x >= mint && x <= maxt) {
                    t[n] = x;
                    v[n] = it.value();
                    n++;
                }
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        final long[] tt = t;
        Arrays.sort(idx, (a, b) -> tt[a] != tt[b] ? Long.compare(tt[a], tt[b]) : Integer.compare(a, b));
        mt = new long[n];
        mv = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            if (m > 0 && mt[m - 1] == t[i]) {
                mv[m - 1] = v[i]; // later chunk wins
            } else {
                mt[m] = t[i];
                mv[m] = v[i];
                m++;
            }
        }
        mn = m;
    }

    private boolean deleted(long t) {
        for (int i = 0; i < tomb.length; i += 2) {
            if (t >= tomb[i] && t <= tomb[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean next() {
        // The per-sample path: the current chunk was clamped to [lo, maxt] when it was decoded.
        if (plain && cur && ++bi < bn) {
            ts = bt[bi];
            val = bv[bi];
            return true;
        }
        return advance(mint);
    }

    private boolean advance(long lo) {
        started = true;
        if (mt != null) {
            while (++mi < mn) {
                long t = mt[mi];
                if (t < lo || (tomb != null && deleted(t))) {
                    continue;
                }
                ts = t;
                val = mv[mi];
                return true;
            }
            mi = mn;
            return false;
        }
        for (;;) {
            if (cur) {
                while (++bi < bn) {
                    long t = bt[bi];
                    if (t < lo) {
                        continue;
                    }
                    if (t > maxt) {
                        ci = chunks.length;
                        cur = false;
                        return false;
                    }
                    if (tomb != null && deleted(t)) {
                        continue;
                    }
                    ts = t;
                    val = bv[bi];
                    return true;
                }
                cur = false;
            }
            if (ci + 1 >= chunks.length) {
                ci = chunks.length;
                return false;
            }
            ChunkDesc c = chunks[++ci];
            if (c.maxT < lo) {
                continue;
            }
            if (c.minT > maxt) {
                ci = chunks.length;
                return false;
            }
            it.reset(c.buf, c.off, c.len);
            int n = it.numSamples();
            if (bt.length < n) {
                bt = new long[n];
                bv = new double[n];
            }
            int m = it.decodeAll(bt, bv);
            // Clamp to [lo, maxt] once per chunk so that next() needs no per-sample range checks.
            if (c.maxT > maxt) {
                while (m > 0 && bt[m - 1] > maxt) {
                    m--;
                }
            }
            int first = 0;
            if (c.minT < lo) {
                while (first < m && bt[first] < lo) {
                    first++;
                }
            }
            bn = m;
            bi = first - 1;
            cur = true;
        }
    }

    @Override
    public boolean seek(long t) {
        if (started && valid() && ts >= t) {
            return true;
        }
        if (started && !valid()) {
            return false;
        }
        if (cur && chunks[ci].maxT < t) {
            cur = false;
        }
        return advance(Math.max(t, mint));
    }

    private boolean valid() {
        return mt != null ? mi >= 0 && mi < mn : ci >= 0 && ci < chunks.length;
    }

    @Override
    public long timestamp() {
        return ts;
    }

    @Override
    public double value() {
        return val;
    }
}
