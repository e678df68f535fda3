package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.index.LabelIndex;
import dev.pharos.tsdb.index.PostingsQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads [mint, maxt] across the blocks it holds (reference-counted until {@link #close()}) and
 * the head. A series present in several sources comes back once, with the chunks of all of them.
 */
final class TsdbQuerier implements Querier {

    private final List<Block> blocks;
    private final Head head;
    private final long mint;
    private final long maxt;
    private boolean closed;

    TsdbQuerier(List<Block> blocks, Head head, long mint, long maxt) {
        this.blocks = blocks;
        this.head = head;
        this.mint = mint;
        this.maxt = maxt;
    }

    private boolean headInRange() {
        return head.maxTime() >= mint && head.minTime() <= maxt;
    }

    @Override
    public List<Series> select(LabelMatcher... matchers) {
        List<ChunkSeries> all = new ArrayList<>();
        for (Block b : blocks) {
            all.addAll(b.chunkSeries(PostingsQuery.select(b.index, matchers), mint, maxt));
        }
        if (headInRange()) {
            all.addAll(head.chunkSeries(head.select(matchers), mint, maxt));
        }
        // Stable sort: for equal labels, blocks (oldest first) come before the head.
        all.sort((a, b) -> a.labels().compareTo(b.labels()));
        List<Series> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); ) {
            ChunkSeries first = all.get(i);
            int j = i + 1;
            while (j < all.size() && all.get(j).labels().equals(first.labels())) {
                j++;
            }
            if (j == i + 1) {
                out.add(first);
            } else {
                List<ChunkDesc> cs = new ArrayList<>();
                long[] tomb = null;
                for (int k = i; k < j; k++) {
                    ChunkSeries s = all.get(k);
                    cs.addAll(Arrays.asList(s.chunks));
                    if (s.tombstones != null) {
                        tomb = tomb == null ? s.tombstones : concat(tomb, s.tombstones);
                    }
                }
                out.add(new ChunkSeries(first.labels(), cs.toArray(new ChunkDesc[0]), mint, maxt, tomb));
            }
            i = j;
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public List<String> labelNames(LabelMatcher... matchers) {
        TreeSet<String> names = new TreeSet<>();
        if (matchers.length == 0) {
            for (Block b : blocks) {
                names.addAll(b.index.names());
            }
            if (headInRange()) {
                names.addAll(head.postings.names());
            }
        } else {
            for (Series s : select(matchers)) {
                Labels l = s.labels();
                for (int i = 0; i < l.size(); i++) {
                    names.add(l.name(i));
                }
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<String> labelValues(String name, LabelMatcher... matchers) {
        TreeSet<String> values = new TreeSet<>();
        if (matchers.length == 0) {
            List<LabelIndex> idx = new ArrayList<>();
            for (Block b : blocks) {
                idx.add(b.index);
            }
            if (headInRange()) {
                idx.add(head.postings);
            }
            for (LabelIndex i : idx) {
                values.addAll(i.values(name));
            }
        } else {
            for (Series s : select(matchers)) {
                String v = s.labels().get(name);
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Block b : blocks) {
            b.release();
        }
    }
}
