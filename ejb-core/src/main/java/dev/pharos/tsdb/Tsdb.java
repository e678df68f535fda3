package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.chunk.XorChunk;
import dev.pharos.tsdb.encoding.Encbuf;
import dev.pharos.tsdb.index.PostingsQuery;
import dev.pharos.tsdb.wal.Wal;
import dev.pharos.tsdb.wal.WalRecordType;
import dev.pharos.tsdb.wal.WalRecords;
import dev.pharos.tsdb.wal.WalReplayProgress;
import dev.pharos.tsdb.wal.WalReplayStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pharos's file-based time-series database: a head (in-memory newest data with WAL), immutable
 * blocks cut from it every block range, compaction, retention, tombstones, snapshots and
 * backfill. Directory layout and file formats: FORMAT.md in this package.
 *
 * <p>No threads of its own: the owner calls {@link #maintain(long)} periodically (e.g. every
 * minute) to cut, compact, apply retention and checkpoint the WAL, and {@link #sync()} on a
 * timer if it wants a tighter durability bound than the configured batch sync.
 *
 * <p>Thread-safety: appenders (one per thread), queriers and maintenance may run concurrently.
 */
public final class Tsdb implements Storage, AutoCloseable {

    private static final String BLOCK_TMP = ".tmp";

    private final Path dir;
    private final TsdbOptions opts;
    private final TsdbStats stats = new TsdbStats();
    private final Wal wal;
    private final Head head;
    private final WalReplayStatus replayStatus;
    private final Object maintenanceLock = new Object();
    private volatile List<Block> blocks = List.of();
    private volatile boolean closed;
    private final java.nio.channels.FileChannel lockChannel;
    private final java.nio.channels.FileLock lock;

    private Tsdb(Path dir, TsdbOptions opts, WalReplayProgress progress) throws IOException {
        this.dir = dir;
        this.opts = opts;
        Files.createDirectories(dir);
        // One process per data directory, as Prometheus's "lock" file ensures.
        lockChannel = java.nio.channels.FileChannel.open(dir.resolve("lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new TsdbLockedException(dir);
        }
        lock = l;
        cleanLeftovers();
        blocks = loadBlocks();
        Path walDir = dir.resolve("wal");
        Head h;
        WalReplayStatus rs = WalReplayStatus.NONE;
        Wal w = null;
        if (opts.walEnabled) {
            // Replay before opening the writer, which starts a fresh segment after the repaired ones.
            h = new Head(opts, dir.resolve("chunks_head"), null, stats);
            h.minValidTime = headBlocksMaxTime();
            rs = Wal.replay(walDir, h.replayHandler(), progress);
            w = Wal.open(walDir, opts.walSegmentSize, opts.walSyncMode, opts.walSyncIntervalMillis);
            h = h.withWal(w);
        } else {
            h = new Head(opts, dir.resolve("chunks_head"), null, stats);
            h.minValidTime = headBlocksMaxTime();
        }
        this.head = h;
        this.wal = w;
        this.replayStatus = rs;
        progress.done();
    }

    /** Opens (creating if needed) the database in {@code dir}, replaying the WAL into the head. */
    public static Tsdb open(Path dir, TsdbOptions opts) throws IOException {
        return open(dir, opts, new WalReplayProgress());
    }

    /**
     * As {@link #open(Path, TsdbOptions)}, reporting the WAL replay to {@code progress} as it
     * goes, so that another thread can show it while this one opens.
     */
    public static Tsdb open(Path dir, TsdbOptions opts, WalReplayProgress progress) throws IOException {
        return new Tsdb(dir, opts.copy(), progress);
    }

    public Path dir() {
        return dir;
    }

    public TsdbStats stats() {
        return stats;
    }

    /** What the WAL replay at open did, including any repaired corruption. */
    public WalReplayStatus walReplayStatus() {
        return replayStatus;
    }

    /**
     * End of the newest block cut from the head: the head's lower bound after a restart. WAL
     * samples before it are already in blocks. Backfilled blocks do not count, so importing
     * recent data never makes current appends out of bounds.
     */
    private long headBlocksMaxTime() {
        long m = Long.MIN_VALUE;
        for (Block b : blocks) {
            if (b.meta.fromHead()) {
                m = Math.max(m, b.meta.maxTime());
            }
        }
        return m;
    }

    private void cleanLeftovers() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && (n.endsWith(BLOCK_TMP) || n.endsWith(".tmp-deleted"))) {
                    deleteTree(p);
                }
            }
        }
    }

    private List<Block> loadBlocks() throws IOException {
        List<Block> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && Ulid.looksLike(p.getFileName().toString())
                        && Files.exists(p.resolve("meta.json"))) {
                    out.add(Block.open(p));
                }
            }
        }
        // A compaction that finished writing but crashed before deleting its inputs: drop the inputs.
        Set<String> parents = new HashSet<>();
        for (Block b : out) {
            parents.addAll(b.meta.parents());
        }
        List<Block> live = new ArrayList<>();
        for (Block b : out) {
            if (parents.contains(b.meta.ulid())) {
                b.markDeleted();
            } else {
                live.add(b);
            }
        }
        live.sort(BLOCK_ORDER);
        return List.copyOf(live);
    }

    private static final Comparator<Block> BLOCK_ORDER = Comparator.<Block>comparingLong(b -> b.meta.minTime())
            .thenComparingLong(b -> b.meta.maxTime()).thenComparing(b -> b.meta.ulid());

    // ---------------------------------------------------------------- Storage

    @Override
    public Appender appender() {
        ensureOpen();
        return head.appender();
    }

    @Override
    public Querier querier(long mint, long maxt) {
        ensureOpen();
        for (;;) {
            List<Block> used = new ArrayList<>();
            boolean raced = false;
            for (Block b : blocks) {
                if (b.meta.maxTime() > mint && b.meta.minTime() <= maxt) {
                    if (!b.acquire()) {
                        raced = true; // replaced by compaction meanwhile: take the new list
                        break;
                    }
                    used.add(b);
                }
            }
            if (!raced) {
                return new TsdbQuerier(used, head, mint, maxt);
            }
            used.forEach(Block::release);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TSDB closed");
        }
    }

    /** Forces all committed samples to stable storage (fsync of the WAL). */
    public void sync() {
        if (wal != null) {
            wal.sync();
        }
    }

    /** Metas of the current blocks, oldest first. */
    public List<BlockMeta> blocks() {
        List<BlockMeta> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(b.meta);
        }
        return out;
    }

    /** Oldest sample time over blocks and head, or Long.MAX_VALUE when empty. */
    public long minTime() {
        List<Block> bs = blocks;
        long m = head.minTime();
        if (!bs.isEmpty()) {
            m = Math.min(m, bs.get(0).meta.minTime());
        }
        return m;
    }

    /** Newest sample time over blocks and head, or Long.MIN_VALUE when empty. */
    public long maxTime() {
        long m = head.maxTime();
        for (Block b : blocks) {
            m = Math.max(m, b.meta.maxTime() - 1);
        }
        return m;
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Periodic housekeeping, meant for a timer: cuts the head into blocks once it spans 1.5 block
     * ranges, compacts blocks, applies time and size retention, and checkpoints the WAL. Safe to
     * call concurrently with appends and queries; concurrent calls are serialized.
     *
     * @param nowMillis the caller's clock. Cuts and time retention follow the data's own time, as
     *                  in Prometheus (a TSDB that receives no samples keeps its blocks); the value
     *                  is accepted for schedules that may need it and is otherwise unused.
     */
    public void maintain(long nowMillis) throws IOException {
        synchronized (maintenanceLock) {
            ensureOpen();
            while (cutHeadIfDue()) {
                // loop: a long pause may have left several ranges to cut
            }
            compact();
            applyRetention(nowMillis);
        }
    }

    private boolean cutHeadIfDue() throws IOException {
        long hmin = head.minTime();
        long hmax = head.maxTime();
        long range = opts.blockRangeMillis;
        if (hmin == Long.MAX_VALUE || hmax == Long.MIN_VALUE || hmax - hmin <= range / 2 * 3) {
            return false;
        }
        long mint = Math.floorDiv(hmin, range) * range;
        long maxt = mint + range;
        // Stop accepting samples for the range being persisted, and let commits in flight land,
        // before reading it.
        head.closeRangeBefore(maxt);
        BlockMeta meta = writeHeadBlock(dir, mint, maxt);
        if (meta != null) {
            addBlocks(List.of(Block.open(dir.resolve(meta.ulid()))), List.of());
            stats.blocksCut.increment();
        }
        head.truncate(maxt);
        checkpointWal(maxt);
        return true;
    }

    private void checkpointWal(long mint) throws IOException {
        if (wal != null && wal.checkpoint(ref -> head.byId(ref) != null, mint) >= 0) {
            stats.checkpoints.increment();
        }
    }

    /** Writes head data of [mint, maxt) into a block under {@code parent}; null if there was none. */
    private BlockMeta writeHeadBlock(Path parent, long mint, long maxt) throws IOException {
        List<MemSeries> all = new ArrayList<>();
        head.forEachSeries(all::add);
        all.sort((a, b) -> a.labels.compareTo(b.labels));
        BlockWriter w = new BlockWriter(parent, mint, maxt, opts);
        try {
            for (MemSeries s : all) {
                List<ChunkDesc> cs;
                long[] tomb;
                synchronized (s) {
                    cs = s.chunks(mint, maxt - 1, head.chunkFiles);
                    tomb = s.tombstones;
                }
                if (!cs.isEmpty()) {
                    w.add(s.labels, cs.toArray(new ChunkDesc[0]), tomb);
                }
            }
            return w.finish(1, List.of(), List.of(), List.of(BlockMeta.FROM_HEAD));
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
    }

    private synchronized void addBlocks(List<Block> add, List<Block> remove) {
        List<Block> n = new ArrayList<>(blocks);
        n.removeAll(remove);
        n.addAll(add);
        n.sort(BLOCK_ORDER);
        blocks = List.copyOf(n);
        for (Block b : remove) {
            b.markDeleted();
        }
    }

    /** Runs compaction plans until none is left. */
    void compact() throws IOException {
        for (;;) {
            List<Block> plan = plan(blocks, opts.compactionRanges());
            if (plan.isEmpty()) {
                return;
            }
            try {
                Block merged = mergeBlocks(plan, -1);
                addBlocks(merged == null ? List.of() : List.of(merged), plan);
                stats.compactions.increment();
            } catch (IOException | RuntimeException e) {
                stats.compactionsFailed.increment();
                throw e;
            }
        }
    }

    /**
     * The blocks to compact next: first any overlapping group, then, per level of the range
     * ladder, the blocks falling into one aligned range once that range is complete (the blocks
     * cover it) or time has moved past it.
     */
    static List<Block> plan(List<Block> bs, long[] ranges) {
        List<Block> sorted = new ArrayList<>(bs);
        sorted.sort(BLOCK_ORDER);
        List<Block> group = new ArrayList<>();
        long groupMax = Long.MIN_VALUE;
        for (Block b : sorted) {
            if (!group.isEmpty() && b.meta.minTime() < groupMax) {
                group.add(b);
                groupMax = Math.max(groupMax, b.meta.maxTime());
                continue;
            }
            if (group.size() > 1) {
                return group;
            }
            group = new ArrayList<>(List.of(b));
            groupMax = b.meta.maxTime();
        }
        if (group.size() > 1) {
            return group;
        }
        long newest = sorted.isEmpty() ? Long.MIN_VALUE : sorted.get(sorted.size() - 1).meta.maxTime();
        for (int i = 1; i < ranges.length; i++) {
            long r = ranges[i];
            TreeMap<Long, List<Block>> buckets = new TreeMap<>();
            for (Block b : sorted) {
                long bucket = Math.floorDiv(b.meta.minTime(), r);
                if (b.meta.maxTime() <= (bucket + 1) * r && b.meta.maxTime() - b.meta.minTime() < r) {
                    buckets.computeIfAbsent(bucket, k -> new ArrayList<>()).add(b);
                }
            }
            for (Map.Entry<Long, List<Block>> e : buckets.entrySet()) {
                List<Block> g = e.getValue();
                if (g.size() < 2) {
                    continue;
                }
                long start = e.getKey() * r;
                long end = start + r;
                boolean complete = g.get(0).meta.minTime() == start && g.get(g.size() - 1).meta.maxTime() == end;
                if (complete || newest > end) {
                    return g;
                }
            }
        }
        return List.of();
    }

    /** Writes one block with all series of the inputs (tombstones applied); null if empty. */
    private Block mergeBlocks(List<Block> in, int levelOverride) throws IOException {
        long mint = Long.MAX_VALUE;
        long maxt = Long.MIN_VALUE;
        int level = 0;
        Set<String> sources = new TreeSet<>();
        List<String> parents = new ArrayList<>();
        boolean fromHead = false;
        for (Block b : in) {
            fromHead |= b.meta.fromHead();
            mint = Math.min(mint, b.meta.minTime());
            maxt = Math.max(maxt, b.meta.maxTime());
            level = Math.max(level, b.meta.level());
            sources.addAll(b.meta.sources());
            parents.add(b.meta.ulid());
        }
        TreeMap<Labels, List<int[]>> series = new TreeMap<>();
        for (int bi = 0; bi < in.size(); bi++) {
            Block b = in.get(bi);
            for (int id = 0; id < b.index.seriesCount(); id++) {
                series.computeIfAbsent(b.index.series(id, null), k -> new ArrayList<>()).add(new int[] {bi, id});
            }
        }
        BlockWriter w = new BlockWriter(dir, mint, maxt, opts);
        try {
            long[][] cmOut = new long[1][];
            for (Map.Entry<Labels, List<int[]>> e : series.entrySet()) {
                List<ChunkDesc> cs = new ArrayList<>();
                long[] tomb = null;
                for (int[] src : e.getValue()) {
                    Block b = in.get(src[0]);
                    b.index.series(src[1], cmOut);
                    long[] cm = cmOut[0];
                    for (int i = 0; i < cm.length; i += 3) {
                        cs.add(b.chunk(cm[i + 2], cm[i], cm[i + 1]));
                    }
                    long[] t = b.tombstones.get(src[1]);
                    if (t != null) {
                        tomb = tomb == null ? t : concat(tomb, t);
                    }
                }
                w.add(e.getKey(), cs.toArray(new ChunkDesc[0]), tomb);
            }
            List<String> hints = fromHead ? List.of(BlockMeta.FROM_HEAD) : List.of();
            BlockMeta meta = w.finish(levelOverride > 0 ? levelOverride : level + 1, new ArrayList<>(sources),
                    parents, hints);
            return meta == null ? null : Block.open(dir.resolve(meta.ulid()));
        } catch (IOException | RuntimeException ex) {
            w.abort();
            throw ex;
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private void applyRetention(long nowMillis) throws IOException {
        List<Block> bs = blocks;
        if (bs.isEmpty()) {
            return;
        }
        List<Block> drop = new ArrayList<>();
        if (opts.retentionMillis > 0) {
            long newest = Math.max(head.maxTime(), bs.get(bs.size() - 1).meta.maxTime());
            for (Block b : bs) {
                if (b.meta.maxTime() <= newest - opts.retentionMillis) {
                    drop.add(b);
                }
            }
            if (!drop.isEmpty()) {
                stats.blocksDeletedByTimeRetention.add(drop.size());
            }
        }
        if (opts.retentionBytes > 0) {
            long total = (wal != null ? wal.sizeOnDisk() : 0) + head.chunkFiles.sizeOnDisk();
            for (Block b : bs) {
                if (!drop.contains(b)) {
                    total += b.sizeBytes();
                }
            }
            int bySize = 0;
            for (Block b : bs) { // oldest first
                if (total <= opts.retentionBytes) {
                    break;
                }
                if (!drop.contains(b)) {
                    drop.add(b);
                    total -= b.sizeBytes();
                    bySize++;
                }
            }
            stats.blocksDeletedBySizeRetention.add(bySize);
        }
        if (!drop.isEmpty()) {
            addBlocks(List.of(), drop);
        }
    }

    // ---------------------------------------------------------------- admin: delete, clean, snapshot

    /**
     * Marks the samples of matching series in [mint, maxt] deleted (tombstones in blocks, WAL
     * tombstone records in the head). Data disappears from queries at once and from disk on the
     * next compaction or {@link #cleanTombstones()}.
     */
    public void deleteSeries(long mint, long maxt, LabelMatcher... matchers) throws IOException {
        synchronized (maintenanceLock) {
            ensureOpen();
            int[] ids = head.select(matchers);
            Encbuf e = new Encbuf();
            int rec = Wal.beginRecord(e, WalRecordType.TOMBSTONES);
            int n = 0;
            for (int id : ids) {
                MemSeries s = head.byId(id);
                if (s != null) {
                    synchronized (s) {
                        s.addTombstone(mint, maxt);
                    }
                    WalRecords.encodeTombstone(e, id, mint, maxt);
                    n++;
                }
            }
            Wal.endRecord(e, rec);
            if (wal != null && n > 0) {
                wal.log(e);
                wal.sync();
            }
            for (Block b : blocks) {
                if (b.meta.maxTime() <= mint || b.meta.minTime() > maxt) {
                    continue;
                }
                Map<Integer, long[]> add = new TreeMap<>();
                for (int id : PostingsQuery.select(b.index, matchers)) {
                    add.put(id, new long[] {mint, maxt});
                }
                if (!add.isEmpty()) {
                    b.addTombstones(add);
                }
            }
        }
    }

    /** Rewrites every block that has tombstones without the deleted data. */
    public void cleanTombstones() throws IOException {
        synchronized (maintenanceLock) {
            ensureOpen();
            for (Block b : blocks) {
                if (b.tombstones.isEmpty()) {
                    continue;
                }
                Block nb = mergeBlocks(List.of(b), b.meta.level());
                addBlocks(nb == null ? List.of() : List.of(nb), List.of(b));
            }
        }
    }

    /**
     * Writes a consistent copy under {@code <dir>/snapshots/<name>}: blocks hard-linked (copied
     * where links are impossible) and, if {@code withHead}, the head written as one more block.
     * Returns the snapshot directory.
     *
     * @param name a plain directory name (letters, digits, '.', '_', '-'), e.g. Prometheus's
     *             {@code 20231114T220000Z-1a2b3c4d5e6f7a8b}
     */
    public Path snapshot(String name, boolean withHead) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("invalid snapshot name: " + name);
        }
        synchronized (maintenanceLock) {
            ensureOpen();
            Path out = dir.resolve("snapshots").resolve(name);
            Files.createDirectories(out);
            for (Block b : blocks) {
                Path target = out.resolve(b.dir.getFileName());
                try (var s = Files.walk(b.dir)) {
                    for (Path p : s.toList()) {
                        Path q = target.resolve(b.dir.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(q);
                        } else {
                            try {
                                Files.createLink(q, p);
                            } catch (IOException | UnsupportedOperationException e) {
                                Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
            }
            if (withHead && head.minTime() != Long.MAX_VALUE) {
                writeHeadBlock(out, head.minTime(), head.maxTime() + 1);
            }
            Wal.syncDir(out);
            return out;
        }
    }

    // ---------------------------------------------------------------- backfill

    /**
     * Writes samples with arbitrary (old) timestamps directly into new blocks aligned to the block
     * range, all or nothing: every series is validated first, every block is written completely
     * before any becomes visible, and a failure removes the blocks already written. Overlaps with
     * existing data are merged at query time and by the next compaction.
     *
     * @throws IllegalArgumentException for an empty label set or duplicate timestamps in a series
     */
    public List<BlockMeta> backfill(List<BackfillSeries> data) throws IOException {
        TreeMap<Labels, long[][]> sorted = new TreeMap<>();
        for (BackfillSeries s : data) {
            if (s.labels().isEmpty()) {
                throw new IllegalArgumentException("empty label set");
            }
            long[] ts = s.timestamps();
            double[] vs = s.values();
            long[][] prev = sorted.get(s.labels());
            if (prev != null) {
                ts = concat(prev[0], ts);
                double[] pv = longsToDoubles(prev[1]);
                double[] nv = Arrays.copyOf(pv, pv.length + vs.length);
                System.arraycopy(vs, 0, nv, pv.length, vs.length);
                vs = nv;
            }
            Integer[] idx = new Integer[ts.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            final long[] tt = ts;
            Arrays.sort(idx, Comparator.comparingLong(i -> tt[i]));
            long[] st = new long[ts.length];
            long[] sv = new long[ts.length];
            for (int i = 0; i < idx.length; i++) {
                st[i] = ts[idx[i]];
                sv[i] = Double.doubleToRawLongBits(vs[idx[i]]);
                if (i > 0 && st[i] == st[i - 1]) {
                    throw new IllegalArgumentException("duplicate timestamp " + st[i] + " for " + s.labels());
                }
            }
            sorted.put(s.labels(), new long[][] {st, sv});
        }
        long range = opts.blockRangeMillis;
        TreeSet<Long> buckets = new TreeSet<>();
        for (long[][] sv : sorted.values()) {
            for (long t : sv[0]) {
                buckets.add(Math.floorDiv(t, range));
            }
        }
        List<BlockMeta> written = new ArrayList<>();
        synchronized (maintenanceLock) {
            ensureOpen();
            try {
                for (long bucket : buckets) {
                    long mint = bucket * range;
                    long maxt = mint + range;
                    BlockWriter w = new BlockWriter(dir, mint, maxt, opts);
                    try {
                        for (Map.Entry<Labels, long[][]> e : sorted.entrySet()) {
                            long[] ts = e.getValue()[0];
                            int from = lowerBound(ts, mint);
                            int to = lowerBound(ts, maxt);
                            if (from >= to) {
                                continue;
                            }
                            double[] vs = longsToDoubles(e.getValue()[1]);
                            List<ChunkDesc> cs = new ArrayList<>();
                            XorChunk c = new XorChunk(256);
                            for (int i = from; i < to; i++) {
                                if (opts.chunkFull(c.numSamples(), c.sizeBytes())) {
                                    cs.add(ChunkDesc.ofBytes(c.copyBytes(), c.minTime(), c.maxTime()));
                                    c.reset();
                                }
                                c.append(ts[i], vs[i]);
                            }
                            if (c.numSamples() > 0) {
                                cs.add(ChunkDesc.ofBytes(c.copyBytes(), c.minTime(), c.maxTime()));
                            }
                            w.add(e.getKey(), cs.toArray(new ChunkDesc[0]), null);
                        }
                        BlockMeta m = w.finish(1, List.of(), List.of(), List.of());
                        if (m != null) {
                            written.add(m);
                        }
                    } catch (IOException | RuntimeException ex) {
                        w.abort();
                        throw ex;
                    }
                }
                List<Block> opened = new ArrayList<>();
                for (BlockMeta m : written) {
                    opened.add(Block.open(dir.resolve(m.ulid())));
                }
                addBlocks(opened, List.of());
                return written;
            } catch (IOException | RuntimeException ex) {
                for (BlockMeta m : written) {
                    deleteTree(dir.resolve(m.ulid()));
                }
                throw ex;
            }
        }
    }

    private static double[] longsToDoubles(long[] bits) {
        double[] d = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            d[i] = Double.longBitsToDouble(bits[i]);
        }
        return d;
    }

    private static int lowerBound(long[] a, long t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------- stats

    /** Head statistics with top-{@code limit} lists, for /api/v1/status/tsdb. */
    public HeadStats headStats(int limit) {
        long[] chunks = {0};
        head.forEachSeries(s -> {
            synchronized (s) {
                chunks[0] += s.chunkCount();
            }
        });
        Map<String, Long> byMetric = new HashMap<>();
        Map<String, Long> valueCount = new HashMap<>();
        Map<String, Long> memory = new HashMap<>();
        Map<String, Long> pairs = new HashMap<>();
        long[] numPairs = {0};
        head.postings.forEachPair((n, v, c) -> {
            numPairs[0]++;
            if (n.equals(Labels.METRIC_NAME)) {
                byMetric.put(v, (long) c);
            }
            valueCount.merge(n, 1L, Long::sum);
            memory.merge(n, (long) v.length(), Long::sum);
            pairs.put(n + "=" + v, (long) c);
        });
        return new HeadStats(head.numSeries(), chunks[0], head.minTime(), head.maxTime(), numPairs[0],
                top(byMetric, limit), top(valueCount, limit), top(memory, limit), top(pairs, limit));
    }

    private static List<HeadStats.Entry> top(Map<String, Long> m, int limit) {
        List<HeadStats.Entry> l = new ArrayList<>();
        m.forEach((k, v) -> l.add(new HeadStats.Entry(k, v)));
        l.sort(Comparator.comparingLong(HeadStats.Entry::value).reversed().thenComparing(HeadStats.Entry::name));
        return l.size() > limit ? List.copyOf(l.subList(0, limit)) : l;
    }

    /** Bytes on disk of blocks, WAL and head chunk files (what size retention counts). */
    public long sizeOnDisk() {
        long total = (wal != null ? wal.sizeOnDisk() : 0) + head.chunkFiles.sizeOnDisk();
        for (Block b : blocks) {
            total += b.sizeBytes();
        }
        return total;
    }

    Head headForTest() {
        return head;
    }

    /** Bytes in use in the memory-mapped head chunk files. */
    long headChunkFileBytes() {
        return head.chunkFiles.sizeOnDisk();
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() throws IOException {
        synchronized (maintenanceLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (wal != null) {
                    wal.close();
                }
                head.close();
            } finally {
                lock.release();
                lockChannel.close();
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
