package dev.pharos.tsdb.wal;

import dev.pharos.tsdb.encoding.Decbuf;
import dev.pharos.tsdb.encoding.Encbuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.zip.CRC32C;

/**
 * The write-ahead log: numbered segment files of checksummed records (layout and durability
 * guarantee in {@code package-info.java}). Writers call {@link #log}; {@link #replay} reads a
 * directory back, repairing a torn or corrupt tail; {@link #checkpoint} folds old segments
 * into a checkpoint and deletes them.
 */
public final class Wal implements AutoCloseable {

    /** Record header: type byte, big-endian payload length, big-endian CRC32C of the payload. */
    public static final int HEADER = 9;
    private static final String CHECKPOINT_PREFIX = "checkpoint.";

    private final Path dir;
    private final long segmentSize;
    private final WalSyncMode mode;
    private final long syncIntervalNanos;
    private FileChannel ch;
    private int segment;
    private long segLen;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;
    private long bytesWritten;
    private long syncs;

    private Wal(Path dir, long segmentSize, WalSyncMode mode, long syncIntervalMillis) throws IOException {
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.mode = mode;
        this.syncIntervalNanos = syncIntervalMillis * 1_000_000L;
        Files.createDirectories(dir);
        Map<Integer, Path> segs = segments(dir);
        int last = segs.isEmpty() ? lastCheckpoint(dir) : ((TreeMap<Integer, Path>) segs).lastKey();
        openSegment(Math.max(last + 1, 0));
    }

    /** Opens for appending in a new segment after the existing ones (replay first). */
    public static Wal open(Path dir, long segmentSize, WalSyncMode mode, long syncIntervalMillis) throws IOException {
        return new Wal(dir, segmentSize, mode, syncIntervalMillis);
    }

    private void openSegment(int idx) throws IOException {
        segment = idx;
        ch = FileChannel.open(dir.resolve(name(idx)), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        segLen = ch.size();
        syncDir(dir);
    }

    static String name(int idx) {
        return String.format("%08d", idx);
    }

    /** Starts a record of the given type in {@code e}; returns the start for {@link #endRecord}. */
    public static int beginRecord(Encbuf e, WalRecordType type) {
        int start = e.len();
        e.putByte(type.code).putBE32(0).putBE32(0);
        return start;
    }

    /** Fills in the length and checksum of the record begun at {@code start}. */
    public static void endRecord(Encbuf e, int start) {
        int payload = start + HEADER;
        e.setBE32(start + 1, e.len() - payload);
        e.setBE32(start + 5, e.crc32c(payload, e.len()));
    }

    /** Type-byte flag of a record whose payload is Snappy-compressed (raw block format). */
    public static final int COMPRESSED = 0x80;

    /**
     * Like {@link #endRecord(Encbuf, int)}, but first replaces the payload by its Snappy
     * compression when that is smaller; {@code scratch} is a reusable buffer.
     */
    public static void endRecordCompressed(Encbuf e, int start, Encbuf scratch) {
        int payload = start + HEADER;
        int len = e.len() - payload;
        if (len > 64) {
            try {
                scratch.reset();
                scratch.ensureCapacity(org.xerial.snappy.Snappy.maxCompressedLength(len));
                int n = org.xerial.snappy.Snappy.rawCompress(e.array(), payload, len, scratch.array(), 0);
                if (n < len) {
                    e.setLen(payload);
                    e.putBytes(scratch.array(), 0, n);
                    e.array()[start] = (byte) (e.array()[start] | COMPRESSED);
                }
            } catch (IOException | RuntimeException | LinkageError ex) {
                // No native Snappy here: the record stays uncompressed, which replay reads as well.
            }
        }
        endRecord(e, start);
    }

    /** Appends whole framed records; durable according to the sync mode. */
    public synchronized void log(Encbuf e) {
        if (e.len() == 0) {
            return;
        }
        try {
            if (segLen > 0 && segLen + e.len() > segmentSize) {
                roll();
            }
            ByteBuffer bb = ByteBuffer.wrap(e.array(), 0, e.len());
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            segLen += e.len();
            bytesWritten += e.len();
            unsynced = true;
            if (mode == WalSyncMode.ALWAYS
                    || (mode == WalSyncMode.BATCH && System.nanoTime() - lastSyncNanos >= syncIntervalNanos)) {
                syncLocked();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("writing WAL segment " + name(segment), ex);
        }
    }

    /** Forces everything logged so far to stable storage. */
    public synchronized void sync() {
        try {
            syncLocked();
        } catch (IOException ex) {
            throw new UncheckedIOException("syncing WAL", ex);
        }
    }

    private void syncLocked() throws IOException {
        if (unsynced) {
            ch.force(false);
            syncs++;
            unsynced = false;
        }
        lastSyncNanos = System.nanoTime();
    }

    private void roll() throws IOException {
        syncLocked();
        ch.close();
        openSegment(segment + 1);
    }

    public synchronized int currentSegment() {
        return segment;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    public synchronized long syncCount() {
        return syncs;
    }

    /** Total bytes of segments and checkpoints on disk. */
    public long sizeOnDisk() {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (ch != null && ch.isOpen()) {
            syncLocked();
            ch.close();
        }
    }

    // ---------------------------------------------------------------- reading and repair

    static TreeMap<Integer, Path> segments(Path dir) throws IOException {
        TreeMap<Integer, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == 8 && n.chars().allMatch(Character::isDigit) && Files.isRegularFile(p)) {
                    out.put(Integer.parseInt(n), p);
                }
            }
        }
        return out;
    }

    /** Index of the newest complete checkpoint, or -1. */
    static int lastCheckpoint(Path dir) throws IOException {
        int best = -1;
        if (!Files.isDirectory(dir)) {
            return best;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(CHECKPOINT_PREFIX) && !n.endsWith(".tmp") && Files.isDirectory(p)) {
                    try {
                        best = Math.max(best, Integer.parseInt(n.substring(CHECKPOINT_PREFIX.length())));
                    } catch (NumberFormatException ignore) {
                        // not ours
                    }
                }
            }
        }
        return best;
    }

    /**
     * Replays checkpoint and segments into the handler. A record that is torn (shorter than its
     * header says), has an unknown type, a wrong CRC32C or an undecodable payload ends the log:
     * its segment is truncated there and later segments are deleted, and the cut is reported.
     */
    public static WalReplayStatus replay(Path dir, WalRecords.Handler h) throws IOException {
        return replay(dir, h, new WalReplayProgress());
    }

    /** As {@link #replay(Path, WalRecords.Handler)}, reporting the segment being read to {@code progress}. */
    public static WalReplayStatus replay(Path dir, WalRecords.Handler h, WalReplayProgress progress) throws IOException {
        long start = System.currentTimeMillis();
        List<WalReplayStatus.Corruption> corruptions = new ArrayList<>();
        long[] counts = new long[2];
        int cp = lastCheckpoint(dir);
        if (cp >= 0) {
            Path cpDir = dir.resolve(CHECKPOINT_PREFIX + name(cp));
            for (Path seg : segments(cpDir).values()) {
                if (!readSegment(seg, h, counts, corruptions)) {
                    break;
                }
            }
        }
        int first = -1;
        int last = -1;
        boolean cut = false;
        TreeMap<Integer, Path> segs = segments(dir);
        Integer firstAfterCheckpoint = segs.higherKey(cp);
        if (firstAfterCheckpoint == null) {
            progress.start(-1, -1);
        } else {
            progress.start(firstAfterCheckpoint, segs.lastKey());
        }
        for (Map.Entry<Integer, Path> en : segs.entrySet()) {
            if (en.getKey() <= cp) {
                continue; // already folded into the checkpoint
            }
            if (cut) {
                long size = Files.size(en.getValue());
                corruptions.add(new WalReplayStatus.Corruption(en.getValue().toString(), 0,
                        "segment after a corrupt one deleted", size));
                Files.delete(en.getValue());
                continue;
            }
            if (first < 0) {
                first = en.getKey();
            }
            last = en.getKey();
            progress.reading(last);
            cut = !readSegment(en.getValue(), h, counts, corruptions);
        }
        return new WalReplayStatus(first, last, cp, counts[0], counts[1], List.copyOf(corruptions),
                System.currentTimeMillis() - start);
    }

    /** Reads one segment; on corruption truncates it, reports, and returns false. */
    private static boolean readSegment(Path seg, WalRecords.Handler h, long[] counts,
            List<WalReplayStatus.Corruption> corruptions) throws IOException {
        byte[] b = Files.readAllBytes(seg);
        int pos = 0;
        CRC32C crc = new CRC32C();
        CountingHandler ch = new CountingHandler(h);
        while (pos < b.length) {
            String problem = null;
            if (b.length - pos < HEADER) {
                problem = "torn record header";
            } else {
                WalRecordType type = WalRecordType.of(b[pos] & 0x7F);
                boolean compressed = (b[pos] & COMPRESSED) != 0;
                int len = ByteBuffer.wrap(b, pos + 1, 4).getInt();
                int want = ByteBuffer.wrap(b, pos + 5, 4).getInt();
                if (type == null) {
                    problem = "unknown record type " + (b[pos] & 0xFF);
                } else if (len < 0 || len > b.length - pos - HEADER) {
                    problem = "torn record: length " + len + " exceeds the " + (b.length - pos - HEADER)
                            + " bytes left";
                } else {
                    crc.reset();
                    crc.update(b, pos + HEADER, len);
                    int got = (int) crc.getValue();
                    if (got != want) {
                        problem = String.format("CRC32C mismatch: expected %08x, actual %08x", want, got);
                    } else {
                        byte[] pb = b;
                        int from = pos + HEADER;
                        int to = pos + HEADER + len;
                        String err = null;
                        if (compressed) {
                            try {
                                int ulen = org.xerial.snappy.Snappy.uncompressedLength(b, from, len);
                                pb = new byte[ulen];
                                org.xerial.snappy.Snappy.uncompress(b, from, len, pb, 0);
                                from = 0;
                                to = ulen;
                            } catch (IOException | RuntimeException ex) {
                                err = "snappy: " + ex.getMessage();
                            }
                        }
                        // Decode into a no-op first so a bad payload delivers nothing.
                        if (err == null) {
                            err = WalRecords.decode(type, new Decbuf(pb, from, to), NOOP);
                        }
                        if (err != null) {
                            problem = "undecodable " + type + " record: " + err;
                        } else {
                            WalRecords.decode(type, new Decbuf(pb, from, to), ch);
                            counts[0]++;
                            pos += HEADER + len;
                            continue;
                        }
                    }
                }
            }
            corruptions.add(new WalReplayStatus.Corruption(seg.toString(), pos, problem, b.length - pos));
            try (FileChannel fc = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                fc.truncate(pos);
                fc.force(true);
            }
            counts[1] += ch.samples;
            return false;
        }
        counts[1] += ch.samples;
        return true;
    }

    private static final WalRecords.Handler NOOP = new WalRecords.Handler() {
        @Override
        public void series(long ref, dev.pharos.model.Labels labels) {
        }

        @Override
        public void sample(long ref, long t, double v) {
        }

        @Override
        public void tombstone(long ref, long mint, long maxt) {
        }
    };

    private static final class CountingHandler implements WalRecords.Handler {
        final WalRecords.Handler h;
        long samples;

        CountingHandler(WalRecords.Handler h) {
            this.h = h;
        }

        @Override
        public void series(long ref, dev.pharos.model.Labels labels) {
            h.series(ref, labels);
        }

        @Override
        public void sample(long ref, long t, double v) {
            samples++;
            h.sample(ref, t, v);
        }

        @Override
        public void tombstone(long ref, long mint, long maxt) {
            h.tombstone(ref, mint, maxt);
        }
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * Starts a new segment, then folds the previous checkpoint and all older segments into a new
     * checkpoint that keeps only series {@code keep} accepts and samples and tombstones at or
     * after {@code mint}; deletes what it replaced. Returns the checkpoint index, or -1 if there
     * was nothing to fold.
     */
    public int checkpoint(LongPredicate keep, long mint) throws IOException {
        int upTo;
        synchronized (this) {
            if (segLen == 0 && segments(dir).size() <= 1) {
                return -1;
            }
            roll();
            upTo = segment - 1;
        }
        Path tmp = dir.resolve(CHECKPOINT_PREFIX + name(upTo) + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Encbuf e = new Encbuf(1 << 16);
        try (FileChannel out = FileChannel.open(tmp.resolve(name(0)), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            CheckpointWriter filter = new CheckpointWriter(out, e, keep, mint);
            int oldCp = lastCheckpoint(dir);
            if (oldCp >= 0) {
                for (Path seg : segments(dir.resolve(CHECKPOINT_PREFIX + name(oldCp))).values()) {
                    readSegment(seg, filter, new long[2], new ArrayList<>());
                }
            }
            for (Map.Entry<Integer, Path> en : segments(dir).entrySet()) {
                if (en.getKey() > upTo) {
                    break;
                }
                if (en.getKey() > oldCp) {
                    readSegment(en.getValue(), filter, new long[2], new ArrayList<>());
                }
            }
            filter.finish();
            out.force(true);
        }
        Path fin = dir.resolve(CHECKPOINT_PREFIX + name(upTo));
        deleteTree(fin);
        Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
        syncDir(dir);
        for (Map.Entry<Integer, Path> en : segments(dir).entrySet()) {
            if (en.getKey() <= upTo) {
                Files.deleteIfExists(en.getValue());
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, CHECKPOINT_PREFIX + "*")) {
            for (Path p : ds) {
                if (!p.equals(fin)) {
                    deleteTree(p);
                }
            }
        }
        return upTo;
    }

    /** Filters replayed records into checkpoint records, batching samples into large records. */
    private static final class CheckpointWriter implements WalRecords.Handler {
        private final FileChannel out;
        private final Encbuf e;
        private final LongPredicate keep;
        private final long mint;
        private final long[] r = new long[4096];
        private final long[] t = new long[4096];
        private final double[] v = new double[4096];
        private int n;
        private int recStart = -1;
        private WalRecordType recType;

        CheckpointWriter(FileChannel out, Encbuf e, LongPredicate keep, long mint) {
            this.out = out;
            this.e = e;
            this.keep = keep;
            this.mint = mint;
        }

        @Override
        public void series(long ref, dev.pharos.model.Labels labels) {
            if (keep.test(ref)) {
                switchTo(WalRecordType.SERIES);
                WalRecords.encodeSeries(e, ref, labels);
            }
        }

        @Override
        public void sample(long ref, long ts, double val) {
            if (ts >= mint && keep.test(ref)) {
                switchTo(WalRecordType.SAMPLES);
                r[n] = ref;
                t[n] = ts;
                v[n] = val;
                if (++n == r.length) {
                    closeRecord();
                }
            }
        }

        @Override
        public void tombstone(long ref, long tmin, long tmax) {
            if (tmax >= mint && keep.test(ref)) {
                switchTo(WalRecordType.TOMBSTONES);
                WalRecords.encodeTombstone(e, ref, tmin, tmax);
            }
        }

        private void switchTo(WalRecordType type) {
            if (recStart >= 0 && (recType != type || e.len() - recStart > (1 << 20))) {
                closeRecord();
            }
            if (recStart < 0) {
                recStart = Wal.beginRecord(e, type);
                recType = type;
            }
        }

        private void closeRecord() {
            if (recStart < 0) {
                return;
            }
            if (recType == WalRecordType.SAMPLES) {
                WalRecords.encodeSamples(e, r, t, v, n);
                n = 0;
            }
            Wal.endRecord(e, recStart);
            recStart = -1;
            flushIfBig(out, e);
        }

        void finish() {
            closeRecord();
            writeAll(out, e);
        }
    }

    private static void flushIfBig(FileChannel out, Encbuf e) {
        if (e.len() > (1 << 20)) {
            writeAll(out, e);
        }
    }

    private static void writeAll(FileChannel out, Encbuf e) {
        try {
            ByteBuffer bb = ByteBuffer.wrap(e.array(), 0, e.len());
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            e.reset();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
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

    /** fsyncs a directory so that created, renamed and deleted entries are durable. */
    public static void syncDir(Path dir) {
        try (FileChannel fc = FileChannel.open(dir, StandardOpenOption.READ)) {
            fc.force(true);
        } catch (IOException ignore) {
            // Some file systems cannot open directories; nothing more we can do there.
        }
    }
}
