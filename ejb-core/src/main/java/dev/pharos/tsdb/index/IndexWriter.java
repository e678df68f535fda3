package dev.pharos.tsdb.index;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.encoding.Encbuf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a block index (layout in {@code package-info.java}). Series must be added in label
 * order; their position is their id within the block.
 */
public final class IndexWriter {

    public static final int MAGIC = 0xBAAAD700;
    public static final int VERSION = 1;

    private final List<Labels> series = new ArrayList<>();
    private final List<long[]> chunkMetas = new ArrayList<>();
    private final TreeSet<String> symbols = new TreeSet<>();

    /**
     * Adds the next series.
     *
     * @param chunks triples of (minT, maxT, chunk ref), in time order
     */
    public void addSeries(Labels labels, long[] chunks) {
        if (!series.isEmpty() && series.get(series.size() - 1).compareTo(labels) >= 0) {
            throw new IllegalArgumentException("series out of order: " + labels);
        }
        series.add(labels);
        chunkMetas.add(chunks);
        for (int i = 0; i < labels.size(); i++) {
            symbols.add(labels.name(i));
            symbols.add(labels.value(i));
        }
    }

    public int seriesCount() {
        return series.size();
    }

    public void write(Path file) throws IOException {
        Encbuf e = new Encbuf(1 << 16);
        e.putBE32(MAGIC).putByte(VERSION);

        // Symbols.
        Map<String, Integer> symIdx = new HashMap<>(symbols.size() * 2);
        int symbolsOff = e.len();
        int start = e.len();
        e.putUvarint(symbols.size());
        int k = 0;
        for (String s : symbols) {
            symIdx.put(s, k++);
            e.putUvarintStr(s);
        }
        e.putCrc32c(start);

        // Series entries, each {uvarint len, body, crc}.
        int[] seriesOff = new int[series.size()];
        Map<String, TreeMap<String, List<Integer>>> post = new TreeMap<>();
        Encbuf body = new Encbuf(256);
        for (int id = 0; id < series.size(); id++) {
            Labels l = series.get(id);
            long[] cm = chunkMetas.get(id);
            body.reset();
            body.putUvarint(l.size());
            for (int i = 0; i < l.size(); i++) {
                body.putUvarint(symIdx.get(l.name(i)));
                body.putUvarint(symIdx.get(l.value(i)));
                post.computeIfAbsent(l.name(i), x -> new TreeMap<>())
                        .computeIfAbsent(l.value(i), x -> new ArrayList<>()).add(id);
            }
            int nc = cm.length / 3;
            body.putUvarint(nc);
            long prevMax = 0;
            long prevRef = 0;
            for (int c = 0; c < nc; c++) {
                long mint = cm[3 * c];
                long maxt = cm[3 * c + 1];
                long ref = cm[3 * c + 2];
                body.putVarint(c == 0 ? mint : mint - prevMax);
                body.putUvarint(maxt - mint);
                body.putVarint(ref - prevRef);
                prevMax = maxt;
                prevRef = ref;
            }
            seriesOff[id] = e.len();
            e.putUvarint(body.len());
            int bs = e.len();
            e.putBytes(body.array(), 0, body.len());
            e.putCrc32c(bs);
        }

        // Postings lists, each {uvarint count, uvarint id deltas, crc}.
        List<int[]> table = new ArrayList<>();
        for (var n : post.entrySet()) {
            for (var v : n.getValue().entrySet()) {
                int off = e.len();
                int s = e.len();
                List<Integer> ids = v.getValue();
                e.putUvarint(ids.size());
                int prev = 0;
                for (int id : ids) {
                    e.putUvarint(id - prev);
                    prev = id;
                }
                e.putCrc32c(s);
                table.add(new int[] {symIdx.get(n.getKey()), symIdx.get(v.getKey()), off});
            }
        }

        // Postings offset table.
        int tableOff = e.len();
        start = e.len();
        e.putUvarint(table.size());
        for (int[] t : table) {
            e.putUvarint(t[0]).putUvarint(t[1]).putUvarint(t[2]);
        }
        e.putCrc32c(start);

        // Series offset table.
        int seriesTableOff = e.len();
        start = e.len();
        e.putUvarint(seriesOff.length);
        int prev = 0;
        for (int off : seriesOff) {
            e.putUvarint(off - prev);
            prev = off;
        }
        e.putCrc32c(start);

        // TOC.
        start = e.len();
        e.putBE64(symbolsOff).putBE64(tableOff).putBE64(seriesTableOff);
        e.putCrc32c(start);

        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(e.array(), 0, e.len());
        }
    }
}
