package dev.pharos.tsdb.index;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.encoding.Decbuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a block index through a read-only memory mapping. Symbols and the offset tables are
 * decoded at open (their checksums verified); series and postings entries are decoded, and
 * their checksums verified, when read.
 */
public final class IndexReader implements LabelIndex {

    private final MappedByteBuffer map;
    private final int limit;
    private final String[] symbols;
    private final int[] seriesOff;
    private final Map<String, ValueTable> byName = new HashMap<>();
    private final List<String> names;

    private static final class ValueTable {
        final List<String> values = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
    }

    public IndexReader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            limit = (int) ch.size();
        }
        if (limit < 5 + 28 || map.getInt(0) != IndexWriter.MAGIC) {
            throw new CorruptIndexException(file + ": bad magic");
        }
        if (map.get(4) != IndexWriter.VERSION) {
            throw new CorruptIndexException(file + ": unsupported index version " + map.get(4));
        }
        int tocAt = limit - 28;
        check(file, "TOC", tocAt, tocAt + 24);
        long symbolsOff = map.getLong(tocAt);
        long tableOff = map.getLong(tocAt + 8);
        long seriesTableOff = map.getLong(tocAt + 16);

        Decbuf d = new Decbuf(map, (int) symbolsOff, limit);
        int ns = d.getUvarint32();
        symbols = new String[ns];
        for (int i = 0; i < ns; i++) {
            symbols[i] = d.getUvarintStr().intern();
        }
        check(file, "symbols", (int) symbolsOff, d.pos());

        d = new Decbuf(map, (int) tableOff, limit);
        int nt = d.getUvarint32();
        for (int i = 0; i < nt; i++) {
            String name = sym(d.getUvarint32());
            String value = sym(d.getUvarint32());
            int off = d.getUvarint32();
            ValueTable vt = byName.computeIfAbsent(name, x -> new ValueTable());
            vt.values.add(value);
            vt.offsets.add(off);
        }
        check(file, "postings table", (int) tableOff, d.pos());

        d = new Decbuf(map, (int) seriesTableOff, limit);
        int n = d.getUvarint32();
        seriesOff = new int[n];
        int prev = 0;
        for (int i = 0; i < n; i++) {
            prev += d.getUvarint32();
            seriesOff[i] = prev;
        }
        check(file, "series table", (int) seriesTableOff, d.pos());
        if (d.err() != null) {
            throw new CorruptIndexException(file + ": " + d.err());
        }
        List<String> ns2 = new ArrayList<>(byName.keySet());
        ns2.sort(null);
        names = List.copyOf(ns2);
    }

    private String sym(int i) {
        return i >= 0 && i < symbols.length ? symbols[i] : "";
    }

    private void check(Path file, String what, int from, int to) throws CorruptIndexException {
        if (to + 4 > limit || from < 0 || from > to) {
            throw new CorruptIndexException(file + ": " + what + " out of bounds");
        }
        int want = map.getInt(to);
        int got = crc(from, to);
        if (want != got) {
            throw new CorruptIndexException(String.format("%s: %s checksum mismatch: expected %08x, actual %08x",
                    file, what, want, got));
        }
    }

    private int crc(int from, int to) {
        CRC32C c = new CRC32C();
        ByteBuffer b = map.duplicate();
        b.limit(to).position(from);
        c.update(b);
        return (int) c.getValue();
    }

    public int seriesCount() {
        return seriesOff.length;
    }

    /** Decodes a series entry: its labels and its (minT, maxT, ref) chunk triples. */
    public Labels series(int id, long[][] chunksOut) throws CorruptIndexException {
        Decbuf d = new Decbuf(map, seriesOff[id], limit);
        int len = d.getUvarint32();
        int bodyAt = d.pos();
        if (bodyAt + len + 4 > limit || map.getInt(bodyAt + len) != crc(bodyAt, bodyAt + len)) {
            throw new CorruptIndexException("series " + id + ": checksum mismatch");
        }
        int nl = d.getUvarint32();
        String[] pairs = new String[2 * nl];
        for (int i = 0; i < 2 * nl; i++) {
            pairs[i] = sym(d.getUvarint32());
        }
        int nc = d.getUvarint32();
        long[] cm = new long[3 * nc];
        long prevMax = 0;
        long prevRef = 0;
        for (int c = 0; c < nc; c++) {
            long mint = c == 0 ? d.getVarint() : prevMax + d.getVarint();
            long maxt = mint + d.getUvarint();
            long ref = prevRef + d.getVarint();
            cm[3 * c] = mint;
            cm[3 * c + 1] = maxt;
            cm[3 * c + 2] = ref;
            prevMax = maxt;
            prevRef = ref;
        }
        if (d.err() != null) {
            throw new CorruptIndexException("series " + id + ": " + d.err());
        }
        if (chunksOut != null) {
            chunksOut[0] = cm;
        }
        return Labels.fromSortedPairs(pairs);
    }

    @Override
    public int[] postings(String name, String value) {
        ValueTable vt = byName.get(name);
        if (vt == null) {
            return Postings.EMPTY;
        }
        int i = java.util.Collections.binarySearch(vt.values, value);
        if (i < 0) {
            return Postings.EMPTY;
        }
        return readPostings(vt.offsets.get(i));
    }

    private int[] readPostings(int off) {
        Decbuf d = new Decbuf(map, off, limit);
        int n = d.getUvarint32();
        int[] out = new int[Math.min(n, limit)];
        int prev = 0;
        for (int i = 0; i < n; i++) {
            prev += d.getUvarint32();
            out[i] = prev;
        }
        if (d.err() != null || map.getInt(d.pos()) != crc(off, d.pos())) {
            throw new IllegalStateException(new CorruptIndexException("postings at " + off + ": checksum mismatch"));
        }
        return out;
    }

    @Override
    public int[] allPostings() {
        int[] all = new int[seriesOff.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public List<String> values(String name) {
        ValueTable vt = byName.get(name);
        return vt == null ? List.of() : vt.values;
    }

    @Override
    public List<String> names() {
        return names;
    }

    /** (name, value, count) for every pair, reading each postings list's length. */
    public void forEachPair(MemPostings.PairVisitor v) {
        for (var e : byName.entrySet()) {
            ValueTable vt = e.getValue();
            for (int i = 0; i < vt.values.size(); i++) {
                Decbuf d = new Decbuf(map, vt.offsets.get(i), limit);
                v.visit(e.getKey(), vt.values.get(i), d.getUvarint32());
            }
        }
    }

}
