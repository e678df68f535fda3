package dev.pharos.remote;

import dev.pharos.model.Labels;

/**
 * A series as one remote-write queue sends it: the labels after external labels and
 * write_relabel_configs, their protobuf encoding (made once, reused in every batch) and the
 * hash that picks its shard. Resolved once per series by {@link SeriesCache}.
 */
final class SendSeries {

    /** The marker for a series that write relabelling dropped. */
    static final SendSeries DROPPED = new SendSeries();

    final Labels labels;
    /** The repeated {@code Label} fields of a TimeSeries, ready to copy into a batch. */
    final byte[] encodedLabels;
    /** Depends on the label contents only, so a series keeps its shard whichever object carries it. */
    final int hash;

    SendSeries(Labels labels) {
        this.labels = labels;
        this.encodedLabels = WriteRequestEncoder.encodeLabels(labels);
        int h = labels.hashCode();
        // murmur3's finalizer: label-set hashes are not uniform in their low bits
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        this.hash = h;
    }

    private SendSeries() {
        labels = Labels.EMPTY;
        encodedLabels = new byte[0];
        hash = 0;
    }

    int shard(int shards) {
        return Integer.remainderUnsigned(hash, shards);
    }
}
