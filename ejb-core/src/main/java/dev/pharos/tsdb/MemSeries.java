package dev.pharos.tsdb;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.chunk.XorChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One series in the head. Guarded by its own monitor: appends, truncation and query snapshots
 * synchronize on it. Full chunks live in {@link HeadChunkFiles}; the heap holds the open chunk,
 * three longs per full chunk, and out-of-order samples if that window is enabled.
 */
final class MemSeries {

    static final int OK = 0;
    static final int OK_OOO = 1;
    static final int DUP_IGNORED = 2;
    static final int REJ_OUT_OF_ORDER = -1;
    static final int REJ_DUPLICATE = -2;
    static final int REJ_TOO_OLD = -3;

    final int id;
    final Labels labels;
    /** The label object callers last appended with: an identity hit skips comparing labels. */
    volatile Labels callerLabels;
    MemSeries hashNext; // collision chain in the series table

    private long[] mm = EMPTY; // triples: chunk ref, minT, maxT
    private int mmN;
    private XorChunk open;
    private long openEnd;
    long lastT = Long.MIN_VALUE;
    private long lastBits;
    private long[] oooT;
    private double[] oooV;
    private int oooN;
    long[] tombstones;
    /** Set (under the lock) when head GC dropped the series; appenders then re-resolve it. */
    volatile boolean removed;
    volatile boolean walLogged;

    private static final long[] EMPTY = new long[0];

    MemSeries(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
        this.callerLabels = labels;
    }

    static AppendRejectedException.Reason reason(int code) {
        return switch (code) {
            case REJ_OUT_OF_ORDER -> AppendRejectedException.Reason.OUT_OF_ORDER;
            case REJ_DUPLICATE -> AppendRejectedException.Reason.DUPLICATE;
            default -> AppendRejectedException.Reason.TOO_OLD;
        };
    }

    /** Whether a sample may be appended now (caller holds the lock). */
    int check(long t, long bits, long oooWindow, long headMaxT) {
        if (t > lastT) {
            return OK;
        }
        if (t == lastT) {
            return bits == lastBits ? DUP_IGNORED : REJ_DUPLICATE;
        }
        if (oooWindow <= 0) {
            return REJ_OUT_OF_ORDER;
        }
        if (t < headMaxT - oooWindow) {
            return REJ_TOO_OLD;
        }
        if (oooN > 0) {
            int i = Arrays.binarySearch(oooT, 0, oooN, t);
            if (i >= 0) {
                return Double.doubleToRawLongBits(oooV[i]) == bits ? DUP_IGNORED : REJ_DUPLICATE;
            }
        }
        return OK_OOO;
    }

    /** Appends after a successful {@link #check}; caller holds the lock. */
    void append(int code, long t, double v, long bits, Head head) {
        if (code == OK_OOO) {
            insertOoo(t, v);
            return;
        }
        if (open == null || t >= openEnd || head.opts.chunkFull(open.numSamples(), open.sizeBytes())) {
            cutChunk(head);
            openEnd = (Math.floorDiv(t, head.blockRange) + 1) * head.blockRange;
        }
        open.append(t, v);
        lastT = t;
        lastBits = bits;
    }

    private void cutChunk(Head head) {
        if (open == null) {
            open = new XorChunk(48);
            return;
        }
        if (open.numSamples() == 0) {
            return;
        }
        long ref = head.chunkFiles.write(id, open.minTime(), open.maxTime(), open.rawBytes(), open.sizeBytes());
        if (mmN * 3 == mm.length) {
            mm = Arrays.copyOf(mm, Math.max(6, mm.length * 2));
        }
        mm[mmN * 3] = ref;
        mm[mmN * 3 + 1] = open.minTime();
        mm[mmN * 3 + 2] = open.maxTime();
        mmN++;
        open.reset();
    }

    private void insertOoo(long t, double v) {
        if (oooT == null) {
            oooT = new long[8];
            oooV = new double[8];
        } else if (oooN == oooT.length) {
            oooT = Arrays.copyOf(oooT, oooN * 2);
            oooV = Arrays.copyOf(oooV, oooN * 2);
        }
        int i = -Arrays.binarySearch(oooT, 0, oooN, t) - 1;
        System.arraycopy(oooT, i, oooT, i + 1, oooN - i);
        System.arraycopy(oooV, i, oooV, i + 1, oooN - i);
        oooT[i] = t;
        oooV[i] = v;
        oooN++;
    }

    void addTombstone(long mint, long maxt) {
        long[] t = tombstones == null ? new long[2] : Arrays.copyOf(tombstones, tombstones.length + 2);
        t[t.length - 2] = mint;
        t[t.length - 1] = maxt;
        tombstones = t;
    }

    /** Chunks overlapping [mint, maxt], in time order, out-of-order samples last (caller holds the lock). */
    List<ChunkDesc> chunks(long mint, long maxt, HeadChunkFiles files) {
        List<ChunkDesc> out = new ArrayList<>(mmN + 2);
        for (int i = 0; i < mmN; i++) {
            long cmin = mm[i * 3 + 1];
            long cmax = mm[i * 3 + 2];
            if (cmax >= mint && cmin <= maxt) {
                out.add(files.desc(mm[i * 3], cmin, cmax));
            }
        }
        if (open != null && open.numSamples() > 0 && open.maxTime() >= mint && open.minTime() <= maxt) {
            out.add(ChunkDesc.ofBytes(open.copyBytes(), open.minTime(), open.maxTime()));
        }
        if (oooN > 0 && oooT[oooN - 1] >= mint && oooT[0] <= maxt) {
            out.add(ChunkDesc.ofBytes(XorChunk.encode(oooT, oooV, 0, oooN), oooT[0], oooT[oooN - 1]));
        }
        return out;
    }

    boolean hasData() {
        return mmN > 0 || (open != null && open.numSamples() > 0) || oooN > 0;
    }

    int chunkCount() {
        return mmN + (open != null && open.numSamples() > 0 ? 1 : 0);
    }

    long minTime() {
        long m = Long.MAX_VALUE;
        if (mmN > 0) {
            m = mm[1];
        } else if (open != null && open.numSamples() > 0) {
            m = open.minTime();
        }
        if (oooN > 0) {
            m = Math.min(m, oooT[0]);
        }
        return m;
    }

    /** Drops data before {@code minT} (chunks end on block boundaries, so whole chunks go). */
    void truncateBefore(long minT) {
        int keep = 0;
        for (int i = 0; i < mmN; i++) {
            if (mm[i * 3 + 2] >= minT) {
                System.arraycopy(mm, i * 3, mm, keep * 3, 3);
                keep++;
            }
        }
        mmN = keep;
        if (keep == 0 && mm.length > 6) {
            mm = EMPTY;
        }
        if (open != null && open.numSamples() > 0 && open.maxTime() < minT) {
            open = null; // the next append starts a fresh chunk
        }
        if (oooN > 0) {
            int i = Arrays.binarySearch(oooT, 0, oooN, minT);
            int from = i >= 0 ? i : -i - 1;
            System.arraycopy(oooT, from, oooT, 0, oooN - from);
            System.arraycopy(oooV, from, oooV, 0, oooN - from);
            oooN -= from;
            if (oooN == 0) {
                oooT = null;
                oooV = null;
            }
        }
        if (tombstones != null) {
            long[] keepT = new long[tombstones.length];
            int n = 0;
            for (int i = 0; i < tombstones.length; i += 2) {
                if (tombstones[i + 1] >= minT) {
                    keepT[n++] = tombstones[i];
                    keepT[n++] = tombstones[i + 1];
                }
            }
            tombstones = n == 0 ? null : Arrays.copyOf(keepT, n);
        }
    }

    /** Approximate heap bytes of this series (object, chunk buffers, refs), labels excluded. */
    long heapBytes() {
        long b = 72 + 16 + mm.length * 8L;
        if (open != null) {
            b += 80 + 16 + open.capacityBytes();
        }
        if (oooT != null) {
            b += 32 + oooT.length * 16L;
        }
        if (tombstones != null) {
            b += 16 + tombstones.length * 8L;
        }
        return b;
    }
}
