package dev.pharos.tsdb;

import dev.pharos.model.Labels;

/** A queried series: labels and the chunks (from head and blocks) that hold its samples. */
final class ChunkSeries implements Series {
    private final Labels labels;
    final ChunkDesc[] chunks;
    private final long mint;
    private final long maxt;
    final long[] tombstones;

    ChunkSeries(Labels labels, ChunkDesc[] chunks, long mint, long maxt, long[] tombstones) {
        this.labels = labels;
        this.chunks = chunks;
        this.mint = mint;
        this.maxt = maxt;
        this.tombstones = tombstones;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public SampleIterator iterator() {
        return new ChunkSeriesIterator(chunks, mint, maxt, tombstones);
    }

    @Override
    public String toString() {
        return labels + " (" + chunks.length + " chunks)";
    }
}
