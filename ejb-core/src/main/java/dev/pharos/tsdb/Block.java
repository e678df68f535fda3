package dev.pharos.tsdb;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.index.CorruptIndexException;
import dev.pharos.tsdb.index.IndexReader;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An open, immutable block: meta, index and memory-mapped chunk segments. Reference-counted by
 * queriers, so a block replaced by compaction or dropped by retention is deleted from disk only
 * when the last querier using it closes.
 */
final class Block {

    final Path dir;
    final BlockMeta meta;
    final IndexReader index;
    private final List<MappedByteBuffer> segments = new ArrayList<>();
    volatile Map<Integer, long[]> tombstones;
    private int refs;
    private boolean deleteWhenUnused;
    private final long sizeBytes;

    private Block(Path dir) throws IOException {
        this.dir = dir;
        this.meta = BlockMeta.read(dir);
        this.index = new IndexReader(dir.resolve("index"));
        this.tombstones = Tombstones.read(dir);
        long size = 0;
        List<Path> segs;
        try (var s = Files.list(dir.resolve("chunks"))) {
            segs = s.sorted().toList();
        }
        for (Path p : segs) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                if (ch.size() < 8 || m.getInt(0) != BlockWriter.CHUNK_MAGIC) {
                    throw new CorruptIndexException(p + ": bad chunk file magic");
                }
                segments.add(m);
                size += ch.size();
            }
        }
        size += Files.size(dir.resolve("index"));
        this.sizeBytes = size;
    }

    static Block open(Path dir) throws IOException {
        return new Block(dir);
    }

    long sizeBytes() {
        return sizeBytes;
    }

    synchronized boolean acquire() {
        if (deleteWhenUnused) {
            return false;
        }
        refs++;
        return true;
    }

    synchronized void release() {
        refs--;
        if (refs == 0 && deleteWhenUnused) {
            deleteFiles();
        }
    }

    /** Deletes the directory now, or when the last querier releases the block. */
    synchronized void markDeleted() {
        deleteWhenUnused = true;
        if (refs == 0) {
            deleteFiles();
        }
    }

    private void deleteFiles() {
        try {
            // Rename first so that a crash mid-delete leaves no half block under a block name.
            Path gone = dir.resolveSibling(dir.getFileName() + ".tmp-deleted");
            Files.move(dir, gone);
            try (var s = Files.walk(gone)) {
                for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignore) {
            // a leftover is removed on the next open
        }
    }

    ChunkDesc chunk(long ref, long minT, long maxT) {
        MappedByteBuffer m = segments.get((int) (ref >>> 32) - 1);
        int off = (int) ref;
        int len = 0;
        int shift = 0;
        int b;
        do {
            b = m.get(off++);
            len |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        off++; // encoding byte (1 = XOR)
        return new ChunkDesc(m, off, len, minT, maxT);
    }

    /** Selected series with chunks overlapping [mint, maxt] (inclusive), in label order. */
    List<ChunkSeries> chunkSeries(int[] ids, long mint, long maxt) {
        List<ChunkSeries> out = new ArrayList<>(ids.length);
        long[][] cmOut = new long[1][];
        Map<Integer, long[]> tomb = tombstones;
        for (int id : ids) {
            Labels l;
            try {
                l = index.series(id, cmOut);
            } catch (CorruptIndexException e) {
                throw new IllegalStateException("block " + meta.ulid() + ": " + e.getMessage(), e);
            }
            long[] cm = cmOut[0];
            List<ChunkDesc> cs = new ArrayList<>(cm.length / 3);
            for (int i = 0; i < cm.length; i += 3) {
                if (cm[i + 1] >= mint && cm[i] <= maxt) {
                    cs.add(chunk(cm[i + 2], cm[i], cm[i + 1]));
                }
            }
            if (!cs.isEmpty()) {
                out.add(new ChunkSeries(l, cs.toArray(new ChunkDesc[0]), mint, maxt, tomb.get(id)));
            }
        }
        return out;
    }

    /** Adds deleted intervals for block series ids and rewrites the tombstones file. */
    synchronized void addTombstones(Map<Integer, long[]> add) throws IOException {
        Map<Integer, long[]> m = new TreeMap<>(tombstones);
        for (Map.Entry<Integer, long[]> e : add.entrySet()) {
            long[] iv = e.getValue();
            for (int i = 0; i < iv.length; i += 2) {
                Tombstones.add(m, e.getKey(), iv[i], iv[i + 1]);
            }
        }
        Tombstones.write(dir, m);
        tombstones = m;
    }

    @Override
    public String toString() {
        return meta.ulid() + "[" + meta.minTime() + "," + meta.maxTime() + ") level " + meta.level();
    }
}
