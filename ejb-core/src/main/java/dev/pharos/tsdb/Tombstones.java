package dev.pharos.tsdb;

import dev.pharos.tsdb.encoding.Decbuf;
import dev.pharos.tsdb.encoding.Encbuf;
import dev.pharos.tsdb.index.CorruptIndexException;
import dev.pharos.tsdb.wal.Wal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A block's {@code tombstones} file: deleted [mint, maxt] intervals per block series id. */
final class Tombstones {
    static final int MAGIC = 0x0130BA30;
    static final int VERSION = 1;
    static final String FILE = "tombstones";

    private Tombstones() {
    }

    static Map<Integer, long[]> read(Path blockDir) throws IOException {
        Path f = blockDir.resolve(FILE);
        Map<Integer, long[]> out = new TreeMap<>();
        if (!Files.exists(f)) {
            return out;
        }
        byte[] b = Files.readAllBytes(f);
        if (b.length < 9) {
            throw new CorruptIndexException(f + ": too short");
        }
        Encbuf crc = new Encbuf(b.length);
        crc.putBytes(b, 0, b.length - 4);
        int want = java.nio.ByteBuffer.wrap(b, b.length - 4, 4).getInt();
        int got = crc.crc32c(0, b.length - 4);
        if (want != got) {
            throw new CorruptIndexException(String.format("%s: checksum mismatch: expected %08x, actual %08x",
                    f, want, got));
        }
        Decbuf d = new Decbuf(b, 0, b.length - 4);
        if (d.getBE32() != MAGIC || d.getByte() != VERSION) {
            throw new CorruptIndexException(f + ": bad magic or version");
        }
        while (d.remaining() > 0 && d.err() == null) {
            int id = d.getUvarint32();
            long mint = d.getVarint();
            long maxt = d.getVarint();
            add(out, id, mint, maxt);
        }
        if (d.err() != null) {
            throw new CorruptIndexException(f + ": " + d.err());
        }
        return out;
    }

    static void add(Map<Integer, long[]> m, int id, long mint, long maxt) {
        long[] old = m.get(id);
        long[] n = old == null ? new long[2] : Arrays.copyOf(old, old.length + 2);
        n[n.length - 2] = mint;
        n[n.length - 1] = maxt;
        m.put(id, n);
    }

    static long count(Map<Integer, long[]> m) {
        long c = 0;
        for (long[] v : m.values()) {
            c += v.length / 2;
        }
        return c;
    }

    /** Writes atomically (temporary file, fsync, rename). */
    static void write(Path blockDir, Map<Integer, long[]> m) throws IOException {
        Encbuf e = new Encbuf();
        e.putBE32(MAGIC).putByte(VERSION);
        for (Map.Entry<Integer, long[]> en : m.entrySet()) {
            long[] iv = en.getValue();
            for (int i = 0; i < iv.length; i += 2) {
                e.putUvarint(en.getKey()).putVarint(iv[i]).putVarint(iv[i + 1]);
            }
        }
        e.putCrc32c(0);
        Path tmp = blockDir.resolve(FILE + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(e.array(), 0, e.len()));
            ch.force(true);
        }
        Files.move(tmp, blockDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Wal.syncDir(blockDir);
    }
}
