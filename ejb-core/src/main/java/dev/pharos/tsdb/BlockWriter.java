package dev.pharos.tsdb;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.chunk.XorChunk;
import dev.pharos.tsdb.index.IndexWriter;
import dev.pharos.tsdb.wal.Wal;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes one immutable block into {@code <ulid>.tmp} and renames it to {@code <ulid>} when
 * complete, so a crash never leaves a half-written block under a block name. Series are added
 * in label order with the chunks that hold them; chunks that lie inside the block's range and
 * are untouched by tombstones are copied byte for byte, others are re-encoded.
 */
final class BlockWriter {

    static final int CHUNK_MAGIC = 0x85BD40DD;
    static final int CHUNK_VERSION = 1;
    static final long SEGMENT_MAX = 512L << 20;

    final String ulid;
    final long minT;
    final long maxT; // exclusive
    private final Path tmpDir;
    private final Path finalDir;
    private final IndexWriter index = new IndexWriter();
    private final TsdbOptions opts;
    private FileOutputStream segFile;
    private BufferedOutputStream seg;
    private int segSeq;
    private long segLen;
    private long numSamples;
    private long numChunks;
    private final List<FileOutputStream> toSync = new ArrayList<>();
    private final XorChunk enc = new XorChunk(256);
    private final byte[] copyBuf = new byte[64 * 1024];
    private final CRC32C crc = new CRC32C();

    BlockWriter(Path blocksDir, long minT, long maxT, TsdbOptions opts) throws IOException {
        this.ulid = Ulid.next(System.currentTimeMillis());
        this.minT = minT;
        this.maxT = maxT;
        this.opts = opts;
        this.tmpDir = blocksDir.resolve(ulid + ".tmp");
        this.finalDir = blocksDir.resolve(ulid);
        Files.createDirectories(tmpDir.resolve("chunks"));
    }

    /** Adds a series (labels strictly increasing between calls); skips it if nothing is left in range. */
    void add(Labels labels, ChunkDesc[] chunks, long[] tomb) throws IOException {
        List<Long> metas = new ArrayList<>();
        boolean raw = true;
        long prevMax = Long.MIN_VALUE;
        for (ChunkDesc c : chunks) {
            if (c.minT < minT || c.maxT >= maxT || c.minT <= prevMax || intersects(tomb, c.minT, c.maxT)) {
                raw = false;
                break;
            }
            prevMax = c.maxT;
        }
        if (raw) {
            for (ChunkDesc c : chunks) {
                int n = ((c.buf.get(c.off) & 0xFF) << 8) | (c.buf.get(c.off + 1) & 0xFF);
                if (n == 0) {
                    continue;
                }
                long ref = writeChunk(c, null);
                metas.add(c.minT);
                metas.add(c.maxT);
                metas.add(ref);
                numSamples += n;
            }
        } else {
            ChunkSeriesIterator it = new ChunkSeriesIterator(chunks, minT, maxT - 1, tomb);
            enc.reset();
            while (it.next()) {
                if (opts.chunkFull(enc.numSamples(), enc.sizeBytes())) {
                    flushEncoded(metas);
                }
                enc.append(it.timestamp(), it.value());
                numSamples++;
            }
            if (enc.numSamples() > 0) {
                flushEncoded(metas);
            }
        }
        if (metas.isEmpty()) {
            return;
        }
        long[] cm = new long[metas.size()];
        for (int i = 0; i < cm.length; i++) {
            cm[i] = metas.get(i);
        }
        index.addSeries(labels, cm);
    }

    private void flushEncoded(List<Long> metas) throws IOException {
        byte[] b = enc.copyBytes();
        long ref = writeChunk(null, b);
        metas.add(enc.minTime());
        metas.add(enc.maxTime());
        metas.add(ref);
        enc.reset();
    }

    private static boolean intersects(long[] tomb, long lo, long hi) {
        if (tomb == null) {
            return false;
        }
        for (int i = 0; i < tomb.length; i += 2) {
            if (tomb[i] <= hi && tomb[i + 1] >= lo) {
                return true;
            }
        }
        return false;
    }

    /** Entry: uvarint data length, encoding byte, data, CRC32C of encoding byte and data. */
    private long writeChunk(ChunkDesc c, byte[] bytes) throws IOException {
        int len = c != null ? c.len : bytes.length;
        int need = 10 + 1 + len + 4;
        if (seg == null || segLen + need > SEGMENT_MAX) {
            openSegment();
        }
        long ref = ((long) segSeq << 32) | segLen;
        long v = len;
        int hdr = 0;
        while ((v & ~0x7FL) != 0) {
            seg.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
            hdr++;
        }
        seg.write((int) v);
        hdr++;
        seg.write(1);
        crc.reset();
        crc.update(1);
        if (c != null) {
            for (int done = 0; done < len; ) {
                int n = Math.min(copyBuf.length, len - done);
                c.buf.get(c.off + done, copyBuf, 0, n);
                seg.write(copyBuf, 0, n);
                crc.update(copyBuf, 0, n);
                done += n;
            }
        } else {
            seg.write(bytes);
            crc.update(bytes, 0, len);
        }
        int x = (int) crc.getValue();
        seg.write(x >>> 24);
        seg.write(x >>> 16);
        seg.write(x >>> 8);
        seg.write(x);
        segLen += hdr + 1 + len + 4;
        numChunks++;
        return ref;
    }

    private void openSegment() throws IOException {
        if (seg != null) {
            seg.flush();
        }
        segSeq++;
        segFile = new FileOutputStream(tmpDir.resolve("chunks").resolve(String.format("%06d", segSeq)).toFile());
        toSync.add(segFile);
        seg = new BufferedOutputStream(segFile, 1 << 16);
        seg.write(new byte[] {(byte) (CHUNK_MAGIC >>> 24), (byte) (CHUNK_MAGIC >>> 16), (byte) (CHUNK_MAGIC >>> 8),
            (byte) CHUNK_MAGIC, CHUNK_VERSION, 0, 0, 0});
        segLen = 8;
    }

    int seriesCount() {
        return index.seriesCount();
    }

    /**
     * Completes the block: index, empty tombstones, meta.json, fsync, rename. Returns null (and
     * removes the temporary directory) when no series had data.
     */
    BlockMeta finish(int level, List<String> sources, List<String> parents, List<String> hints)
            throws IOException {
        if (seg != null) {
            seg.flush();
        }
        try {
            for (FileOutputStream f : toSync) {
                f.getFD().sync();
                f.close();
            }
            if (index.seriesCount() == 0) {
                abort();
                return null;
            }
            index.write(tmpDir.resolve("index"));
            try (FileOutputStream f = new FileOutputStream(tmpDir.resolve("index").toFile(), true)) {
                f.getFD().sync();
            }
            Map<Integer, long[]> none = new TreeMap<>();
            Tombstones.write(tmpDir, none);
            BlockMeta meta = new BlockMeta(ulid, minT, maxT, numSamples, index.seriesCount(), numChunks, 0, level,
                    sources.isEmpty() ? List.of(ulid) : sources, parents, hints);
            meta.write(tmpDir);
            Wal.syncDir(tmpDir.resolve("chunks"));
            Wal.syncDir(tmpDir);
            Files.move(tmpDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
            Wal.syncDir(finalDir.getParent());
            return meta;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    Path dir() {
        return finalDir;
    }

    void abort() {
        try {
            if (seg != null) {
                seg.close();
            }
        } catch (IOException ignore) {
            // closing before deletion
        }
        try (var s = Files.walk(tmpDir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignore) {
            // a leftover .tmp directory is removed on the next open
        }
    }
}
