package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.encoding.Encbuf;
import dev.pharos.tsdb.index.MemPostings;
import dev.pharos.tsdb.index.PostingsQuery;
import dev.pharos.tsdb.wal.Wal;
import dev.pharos.tsdb.wal.WalRecordType;
import dev.pharos.tsdb.wal.WalRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory newest data: one {@link MemSeries} per label set, found by
 * {@link Labels#stableHash()} in a striped hash table (collisions chained) or by id, a postings
 * index, and appenders that log to the WAL before making samples visible.
 */
final class Head implements AutoCloseable {

    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int STRIPES = 64;

    final long blockRange;
    final int samplesPerChunk;
    final TsdbOptions opts;
    final long oooWindow;
    final HeadChunkFiles chunkFiles;
    final MemPostings postings = new MemPostings();
    private volatile Wal wal;
    final TsdbStats stats;

    private final Stripe[] stripes = new Stripe[STRIPES];
    /** Series by id in pages of 4096; plain arrays (published by the volatile field) keep byId cheap. */
    private volatile MemSeries[][] pages;
    private int nextId = 1;
    private int numSeries;
    private final ConcurrentHashMap<String, String> symbols = new ConcurrentHashMap<>();

    private volatile long minT = Long.MAX_VALUE;
    private volatile long maxT = Long.MIN_VALUE;
    volatile long minValidTime = Long.MIN_VALUE;
    /** Commits hold it shared; a head cut takes it exclusively once to wait for commits in flight. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock commitLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    Head(TsdbOptions o, Path chunksDir, Wal wal, TsdbStats stats) throws IOException {
        this.blockRange = o.blockRangeMillis;
        this.samplesPerChunk = o.samplesPerChunk;
        this.opts = o;
        this.oooWindow = o.outOfOrderWindowMillis;
        this.chunkFiles = new HeadChunkFiles(chunksDir, o.headChunkFileSize);
        this.wal = wal;
        this.stats = stats;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        pages = new MemSeries[16][];
    }

    /** Hash table of one stripe: open addressing on the 64-bit label hash; equal hashes chain. */
    private static final class Stripe {
        long[] keys = new long[16];
        MemSeries[] vals = new MemSeries[16];
        int size;

        MemSeries get(long h) {
            int mask = keys.length - 1;
            for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
                MemSeries s = vals[i];
                if (s == null) {
                    return null;
                }
                if (keys[i] == h) {
                    return s;
                }
            }
        }

        void put(long h, MemSeries s) {
            if ((size + 1) * 4 > keys.length * 3) {
                long[] ok = keys;
                MemSeries[] ov = vals;
                keys = new long[ok.length * 2];
                vals = new MemSeries[ok.length * 2];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ov[i] != null) {
                        put(ok[i], ov[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
                if (vals[i] == null) {
                    keys[i] = h;
                    vals[i] = s;
                    size++;
                    return;
                }
                if (keys[i] == h) {
                    vals[i] = s;
                    return;
                }
            }
        }

        void remove(long h) {
            int mask = keys.length - 1;
            int i = mix(h) & mask;
            while (vals[i] != null && keys[i] != h) {
                i = (i + 1) & mask;
            }
            if (vals[i] == null) {
                return;
            }
            vals[i] = null;
            size--;
            // Re-insert the rest of the cluster so probing still finds them.
            for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
                long k = keys[j];
                MemSeries v = vals[j];
                vals[j] = null;
                size--;
                put(k, v);
            }
        }

        static int mix(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return (int) h;
        }
    }

    private Stripe stripe(long h) {
        return stripes[(int) (h >>> 58) & (STRIPES - 1)];
    }

    /**
     * Raises the lower bound for new samples and waits until every commit in flight is done, so
     * that data below the bound is complete before a block is cut from it.
     */
    void closeRangeBefore(long bound) {
        minValidTime = Math.max(minValidTime, bound);
        commitLock.writeLock().lock();
        commitLock.writeLock().unlock();
    }

    /** Attaches the WAL writer once replay is done. */
    Head withWal(Wal w) {
        this.wal = w;
        return this;
    }

    MemSeries byId(long ref) {
        if (ref <= 0 || ref > Integer.MAX_VALUE) {
            return null;
        }
        int id = (int) ref;
        MemSeries[][] ps = pages;
        int p = id >>> PAGE_BITS;
        if (p >= ps.length) {
            return null;
        }
        MemSeries[] page = ps[p];
        // A racing reader may miss a series created a moment ago and fall back to the labels.
        return page == null ? null : page[id & (PAGE - 1)];
    }

    MemSeries byLabels(Labels labels) {
        long h = labels.stableHash();
        Stripe st = stripe(h);
        synchronized (st) {
            for (MemSeries s = st.get(h); s != null; s = s.hashNext) {
                if (s.labels.equals(labels)) {
                    return s;
                }
            }
        }
        return null;
    }

    /** The series of a label set, created (with a new id, or {@code forcedId} on replay) if new. */
    MemSeries getOrCreate(Labels labels, int forcedId) {
        long h = labels.stableHash();
        Stripe st = stripe(h);
        MemSeries s;
        synchronized (st) {
            MemSeries first = st.get(h);
            for (s = first; s != null; s = s.hashNext) {
                if (s.labels.equals(labels)) {
                    return s;
                }
            }
            int id;
            synchronized (this) {
                id = forcedId > 0 ? forcedId : nextId;
                nextId = Math.max(nextId, id + 1);
                numSeries++;
            }
            s = new MemSeries(id, intern(labels));
            s.hashNext = first;
            st.put(h, s);
            setPage(id, s);
        }
        String[] pairs = new String[s.labels.size() * 2];
        for (int i = 0; i < s.labels.size(); i++) {
            pairs[2 * i] = s.labels.name(i);
            pairs[2 * i + 1] = s.labels.value(i);
        }
        postings.add(s.id, pairs);
        stats.seriesCreated.increment();
        return s;
    }

    private Labels intern(Labels l) {
        String[] pairs = new String[l.size() * 2];
        for (int i = 0; i < l.size(); i++) {
            pairs[2 * i] = symbols.computeIfAbsent(l.name(i), k -> k);
            String v = l.value(i);
            String iv = symbols.get(v);
            pairs[2 * i + 1] = iv != null ? iv : (symbols.size() < 1_000_000 ? symbols.computeIfAbsent(v, k -> k) : v);
        }
        return Labels.fromSortedPairs(pairs);
    }

    private synchronized void setPage(int id, MemSeries s) {
        int p = id >>> PAGE_BITS;
        MemSeries[][] ps = pages;
        if (p >= ps.length) {
            ps = Arrays.copyOf(ps, Math.max(p + 1, ps.length * 2));
        }
        if (ps[p] == null) {
            ps[p] = new MemSeries[PAGE];
        }
        ps[p][id & (PAGE - 1)] = s;
        pages = ps; // volatile write: publishes the element too
    }

    private synchronized void clearPage(int id) {
        MemSeries[][] ps = pages;
        ps[id >>> PAGE_BITS][id & (PAGE - 1)] = null;
        pages = ps;
    }

    long minTime() {
        return minT;
    }

    long maxTime() {
        return maxT;
    }

    synchronized int numSeries() {
        return numSeries;
    }

    synchronized int lastId() {
        return nextId - 1;
    }

    private void widen(long lo, long hi) {
        if (lo >= minT && hi <= maxT) {
            return; // the common case: no lock
        }
        widenLocked(lo, hi);
    }

    private synchronized void widenLocked(long lo, long hi) {
        if (lo < minT) {
            minT = lo;
        }
        if (hi > maxT) {
            maxT = hi;
        }
    }

    /** Applies one sample under the series lock; returns the check code. */
    private int apply(MemSeries s, long t, double v) {
        long bits = Double.doubleToRawLongBits(v);
        synchronized (s) {
            if (s.removed) {
                return MemSeries.REJ_OUT_OF_ORDER; // only after a replay/GC race; counted as dropped
            }
            int code = s.check(t, bits, oooWindow, maxT);
            if (code == MemSeries.OK || code == MemSeries.OK_OOO) {
                s.append(code, t, v, bits, this);
                if (code == MemSeries.OK_OOO) {
                    stats.outOfOrderAccepted.increment();
                }
            }
            return code;
        }
    }

    Appender appender() {
        return new HeadAppender();
    }

    /**
     * The arrays and WAL buffers of one appender. Appenders live for one scrape or rule
     * evaluation, so without recycling every batch would regrow its arrays from 64 entries and
     * its WAL buffer from 4 KiB: tens of bytes of garbage per sample.
     */
    private static final class Batch {
        MemSeries[] ser = new MemSeries[64];
        long[] refs = new long[64];
        long[] ts = new long[64];
        double[] vs = new double[64];
        final Encbuf enc = new Encbuf(4096);
        final Encbuf scratch = new Encbuf(256);
    }

    // At most 8 x (64 Ki samples x 28 bytes + 2 MiB of WAL buffer) stay pooled: ~30 MiB worst case,
    // a few hundred KiB for ordinary scrapes of a few thousand samples.
    private static final int BATCH_POOL_MAX = 8;
    private static final int BATCH_KEEP_MAX_SAMPLES = 1 << 16;
    private static final int BATCH_KEEP_MAX_WAL_BYTES = 2 << 20;
    private final ArrayDeque<Batch> batchPool = new ArrayDeque<>();

    private Batch takeBatch() {
        Batch b;
        synchronized (batchPool) {
            b = batchPool.pollFirst();
        }
        return b != null ? b : new Batch();
    }

    private void giveBatch(Batch b) {
        if (b.ts.length > BATCH_KEEP_MAX_SAMPLES || b.enc.array().length > BATCH_KEEP_MAX_WAL_BYTES) {
            return; // an outsized batch (a huge remote write or backfill) is left to the GC
        }
        synchronized (batchPool) {
            if (batchPool.size() < BATCH_POOL_MAX) {
                batchPool.addFirst(b);
            }
        }
    }

    /** Buffers samples in primitive arrays; logs and applies them at commit. */
    private final class HeadAppender implements Appender {
        private Batch batch; // null after commit/rollback until the next append
        private MemSeries[] ser;
        private long[] refs;
        private long[] ts;
        private double[] vs;
        private int n;
        private Encbuf enc;
        private Encbuf scratch;

        private void acquire() {
            Batch b = takeBatch();
            batch = b;
            ser = b.ser;
            refs = b.refs;
            ts = b.ts;
            vs = b.vs;
            enc = b.enc;
            scratch = b.scratch;
        }

        /** Hands the (emptied) buffers back for the next appender. */
        private void release() {
            Batch b = batch;
            if (b == null) {
                return;
            }
            b.ser = ser;
            b.refs = refs;
            b.ts = ts;
            b.vs = vs;
            batch = null;
            ser = null;
            refs = null;
            ts = null;
            vs = null;
            enc = null;
            scratch = null;
            giveBatch(b);
        }

        @Override
        public long append(long ref, Labels labels, long t, double v) throws AppendRejectedException {
            if (batch == null) {
                acquire();
            }
            MemSeries s = ref != 0 ? byId(ref) : null;
            if (s == null || (s.callerLabels != labels && !sameLabels(s, labels))) {
                s = byLabels(labels);
                if (s == null) {
                    if (labels.isEmpty()) {
                        throw new IllegalArgumentException("empty label set");
                    }
                    s = getOrCreate(labels, -1);
                }
                s.callerLabels = labels;
            }
            if (t < minValidTime) {
                stats.rejectedOutOfBounds.increment();
                throw new AppendRejectedException(AppendRejectedException.Reason.OUT_OF_BOUNDS);
            }
            long bits = Double.doubleToRawLongBits(v);
            // Unlocked look at the series state: commit checks again under the lock, so a race
            // only means the sample is dropped (and counted) there instead of rejected here.
            int code = s.check(t, bits, oooWindow, maxT);
            if (code < 0) {
                AppendRejectedException.Reason r = MemSeries.reason(code);
                stats.reject(r);
                throw new AppendRejectedException(r);
            }
            if (code == MemSeries.DUP_IGNORED) {
                return s.id;
            }
            if (n == ts.length) {
                int c = n * 2;
                ser = Arrays.copyOf(ser, c);
                refs = Arrays.copyOf(refs, c);
                ts = Arrays.copyOf(ts, c);
                vs = Arrays.copyOf(vs, c);
            }
            ser[n] = s;
            refs[n] = s.id;
            ts[n] = t;
            vs[n] = v;
            n++;
            return s.id;
        }

        private boolean sameLabels(MemSeries s, Labels labels) {
            if (s.labels.equals(labels)) {
                s.callerLabels = labels;
                return true;
            }
            return false;
        }

        @Override
        public void commit() {
            if (n == 0) {
                release();
                return;
            }
            commitLock.readLock().lock();
            try {
                commitLocked();
            } finally {
                commitLock.readLock().unlock();
            }
            if (n == 0) {
                release(); // not on failure: a WAL error leaves the batch to the GC
            }
        }

        private void commitLocked() {
            Wal wal = Head.this.wal;
            if (wal != null) {
                enc.reset();
            }
            int rec = -1;
            // One pass over the batch's series (each a likely cache miss) for both checks.
            for (int i = 0; i < n; i++) {
                MemSeries s = ser[i];
                if (s.removed) {
                    // Dropped by head GC since append: bring the series back under a new id.
                    s = getOrCreate(s.labels, -1);
                    ser[i] = s;
                    refs[i] = s.id;
                }
                if (wal != null && !s.walLogged) {
                    if (rec < 0) {
                        rec = Wal.beginRecord(enc, WalRecordType.SERIES);
                    }
                    WalRecords.encodeSeries(enc, s.id, s.labels);
                    s.walLogged = true; // duplicates from a racing appender are harmless
                }
            }
            if (wal != null) {
                if (rec >= 0) {
                    Wal.endRecord(enc, rec);
                }
                rec = Wal.beginRecord(enc, WalRecordType.SAMPLES);
                WalRecords.encodeSamples(enc, refs, ts, vs, n);
                if (opts.walCompression) {
                    Wal.endRecordCompressed(enc, rec, scratch);
                } else {
                    Wal.endRecord(enc, rec);
                }
                wal.log(enc);
            }
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            int appended = 0;
            long minValid = minValidTime;
            for (int i = 0; i < n; i++) {
                long t = ts[i];
                // A head cut raised the lower bound after append() checked it: drop, as the range
                // is already being written to a block.
                int code = t < minValid ? MemSeries.REJ_TOO_OLD : apply(ser[i], t, vs[i]);
                if (code == MemSeries.OK || code == MemSeries.OK_OOO) {
                    appended++;
                    if (t < lo) {
                        lo = t;
                    }
                    if (t > hi) {
                        hi = t;
                    }
                } else if (code < 0) {
                    stats.droppedAtCommit.increment();
                }
                ser[i] = null;
            }
            if (appended > 0) {
                widen(lo, hi);
                stats.samplesAppended.add(appended);
            }
            n = 0;
        }

        @Override
        public void rollback() {
            if (ser != null) {
                Arrays.fill(ser, 0, n, null);
            }
            n = 0;
            release();
        }
    }

    // ---------------------------------------------------------------- replay

    /** Rebuilds the head from WAL records; counts and drops what cannot be applied. */
    WalRecords.Handler replayHandler() {
        return new WalRecords.Handler() {
            final Map<Long, MemSeries> alias = new HashMap<>();

            private MemSeries find(long ref) {
                MemSeries s = byId(ref);
                return s != null ? s : alias.get(ref);
            }

            @Override
            public void series(long ref, Labels labels) {
                MemSeries s = getOrCreate(labels, (int) ref);
                s.walLogged = true;
                if (s.id != ref) {
                    alias.put(ref, s);
                }
            }

            @Override
            public void sample(long ref, long t, double v) {
                MemSeries s = find(ref);
                if (s == null || t < minValidTime) {
                    return;
                }
                int code = apply(s, t, v);
                if (code == MemSeries.OK || code == MemSeries.OK_OOO) {
                    if (t < minT || t > maxT) {
                        widen(t, t);
                    }
                }
            }

            @Override
            public void tombstone(long ref, long mint, long maxt) {
                MemSeries s = find(ref);
                if (s != null) {
                    synchronized (s) {
                        s.addTombstone(mint, maxt);
                    }
                }
            }
        };
    }

    // ---------------------------------------------------------------- reading

    int[] select(LabelMatcher... matchers) {
        return PostingsQuery.select(postings, matchers);
    }

    /** Selected series with their chunks in [mint, maxt] (unsorted); skips series without data there. */
    List<ChunkSeries> chunkSeries(int[] ids, long mint, long maxt) {
        List<ChunkSeries> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            MemSeries s = byId(id);
            if (s == null) {
                continue;
            }
            List<ChunkDesc> cs;
            long[] tomb;
            synchronized (s) {
                cs = s.chunks(mint, maxt, chunkFiles);
                tomb = s.tombstones;
            }
            if (!cs.isEmpty()) {
                out.add(new ChunkSeries(s.labels, cs.toArray(new ChunkDesc[0]), mint, maxt, tomb));
            }
        }
        return out;
    }

    /** Visits every live series (unordered). */
    void forEachSeries(java.util.function.Consumer<MemSeries> c) {
        MemSeries[][] ps = pages;
        for (MemSeries[] p : ps) {
            if (p == null) {
                continue;
            }
            for (int i = 0; i < PAGE; i++) {
                MemSeries s = p[i];
                if (s != null) {
                    c.accept(s);
                }
            }
        }
    }

    // ---------------------------------------------------------------- truncation

    /**
     * Drops all data before {@code newMin} (already persisted in a block), removes series left
     * empty, and deletes head chunk files holding only dropped chunks.
     */
    void truncate(long newMin) {
        minValidTime = Math.max(minValidTime, newMin);
        List<MemSeries> dead = new ArrayList<>();
        long[] lo = {Long.MAX_VALUE};
        forEachSeries(s -> {
            synchronized (s) {
                s.truncateBefore(newMin);
                if (!s.hasData()) {
                    s.removed = true;
                    dead.add(s);
                } else {
                    lo[0] = Math.min(lo[0], s.minTime());
                }
            }
        });
        if (!dead.isEmpty()) {
            java.util.BitSet deadIds = new java.util.BitSet();
            for (MemSeries s : dead) {
                long h = s.labels.stableHash();
                Stripe st = stripe(h);
                synchronized (st) {
                    MemSeries first = st.get(h);
                    MemSeries prev = null;
                    for (MemSeries x = first; x != null; prev = x, x = x.hashNext) {
                        if (x == s) {
                            if (prev == null) {
                                if (x.hashNext == null) {
                                    st.remove(h);
                                } else {
                                    st.put(h, x.hashNext);
                                }
                            } else {
                                prev.hashNext = x.hashNext;
                            }
                            break;
                        }
                    }
                }
                clearPage(s.id);
                deadIds.set(s.id);
            }
            postings.removeIf(deadIds::get);
            synchronized (this) {
                numSeries -= dead.size();
            }
            stats.seriesRemoved.add(dead.size());
        }
        synchronized (this) {
            // Empty head: minT resets, maxT stays so retention and the cut schedule still see time.
            minT = lo[0];
        }
        chunkFiles.truncateBefore(newMin);
        if (!dead.isEmpty()) {
            // Forget strings only dead series used (series churn would otherwise grow the table).
            symbols.clear();
            forEachSeries(s -> {
                for (int i = 0; i < s.labels.size(); i++) {
                    symbols.putIfAbsent(s.labels.name(i), s.labels.name(i));
                    symbols.putIfAbsent(s.labels.value(i), s.labels.value(i));
                }
            });
        }
        stats.headTruncations.increment();
    }

    @Override
    public void close() {
        chunkFiles.close();
    }
}
