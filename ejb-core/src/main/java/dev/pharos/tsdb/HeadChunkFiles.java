package dev.pharos.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Full head chunks, moved off the heap into memory-mapped files {@code chunks_head/NNNNNN} (layout
 * in FORMAT.md). The heap keeps only each series' open chunk plus a 24-byte reference per full
 * chunk. The files are a cache of what the WAL holds: they are rebuilt by WAL replay on open and
 * never need fsync. A reference is {@code fileSeq << 32 | offset of the chunk data}.
 */
final class HeadChunkFiles implements AutoCloseable {

    static final int MAGIC = 0x0130BC91;
    static final int HEADER = 8;
    static final int ENTRY_OVERHEAD = 8 + 8 + 8 + 1 + 4 + 4; // ref, mint, maxt, enc, len, crc

    private final Path dir;
    private final int fileSize;
    private final List<MappedFile> files = new ArrayList<>();
    private MappedFile current;
    private int nextSeq = 1;
    /** Copy-on-write view indexed by file number, so readers resolve references without a lock. */
    private volatile MappedFile[] bySeq = new MappedFile[8];

    static final class MappedFile {
        final int seq;
        final Path path;
        final MappedByteBuffer map;
        int used;
        long maxT = Long.MIN_VALUE;

        MappedFile(int seq, Path path, MappedByteBuffer map) {
            this.seq = seq;
            this.path = path;
            this.map = map;
        }
    }

    HeadChunkFiles(Path dir, int fileSize) throws IOException {
        this.dir = dir;
        this.fileSize = fileSize;
        deleteContents(dir);
        Files.createDirectories(dir);
    }

    private static void deleteContents(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private MappedFile newFile() throws IOException {
        int seq = nextSeq++;
        Path p = dir.resolve(String.format("%06d", seq));
        MappedByteBuffer m;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            m = ch.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        }
        m.putInt(0, MAGIC);
        m.put(4, (byte) 1);
        MappedFile f = new MappedFile(seq, p, m);
        f.used = HEADER;
        files.add(f);
        MappedFile[] view = java.util.Arrays.copyOf(bySeq, Math.max(bySeq.length, seq + 1) * (seq + 1 > bySeq.length ? 2 : 1));
        view[seq] = f;
        bySeq = view;
        return f;
    }

    /** Writes a full chunk; returns its reference. */
    synchronized long write(long seriesRef, long minT, long maxT, byte[] data, int len) {
        try {
            int need = ENTRY_OVERHEAD + len;
            if (current == null || current.used + need > fileSize) {
                if (need + HEADER > fileSize) {
                    throw new IllegalStateException("chunk of " + len + " bytes exceeds head chunk file size");
                }
                current = newFile();
            }
            MappedByteBuffer m = current.map;
            int p = current.used;
            m.putLong(p, seriesRef);
            m.putLong(p + 8, minT);
            m.putLong(p + 16, maxT);
            m.put(p + 24, (byte) 1);
            m.putInt(p + 25, len);
            int dataAt = p + 29;
            m.put(dataAt, data, 0, len);
            CRC32C crc = new CRC32C();
            crc.update(data, 0, len);
            m.putInt(dataAt + len, (int) crc.getValue());
            current.used = dataAt + len + 4;
            current.maxT = Math.max(current.maxT, maxT);
            return ((long) current.seq << 32) | dataAt;
        } catch (IOException e) {
            throw new UncheckedIOException("writing head chunk", e);
        }
    }

    /** The mapping and offset of a chunk reference. */
    ChunkDesc desc(long ref, long minT, long maxT) {
        int seq = (int) (ref >>> 32);
        int off = (int) ref;
        MappedFile[] view = bySeq;
        MappedFile f = seq < view.length ? view[seq] : null;
        if (f == null) {
            throw new IllegalStateException("head chunk file " + seq + " is gone");
        }
        int len = f.map.getInt(off - 4);
        return new ChunkDesc(f.map, off, len, minT, maxT);
    }

    /** Deletes files holding only chunks older than {@code minT}; the current file stays. */
    synchronized void truncateBefore(long minT) {
        files.removeIf(f -> {
            if (f != current && f.maxT < minT) {
                try {
                    // The mapping stays valid for readers still holding it; the GC unmaps it.
                    Files.deleteIfExists(f.path);
                } catch (IOException ignore) {
                    return false;
                }
                MappedFile[] view = bySeq.clone();
                view[f.seq] = null;
                bySeq = view;
                return true;
            }
            return false;
        });
    }

    synchronized long sizeOnDisk() {
        long s = 0;
        for (MappedFile f : files) {
            s += f.used;
        }
        return s;
    }

    synchronized int fileCount() {
        return files.size();
    }

    @Override
    public synchronized void close() {
        // Not truncated: a querier may still read the mappings; the next open deletes the files.
        files.clear();
        current = null;
    }
}
