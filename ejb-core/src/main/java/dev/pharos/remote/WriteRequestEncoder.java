package dev.pharos.remote;

import dev.pharos.model.Labels;

/**
 * Builds a {@code prometheus.WriteRequest} series by series (for a remote-write sender and the
 * tests); {@link #finish()} returns the uncompressed protobuf bytes.
 */
public final class WriteRequestEncoder {

    private final ProtoWriter w = new ProtoWriter(4096);

    /** Adds one TimeSeries with its samples [from, to). */
    public WriteRequestEncoder add(Labels labels, long[] ts, double[] vs, int from, int to) {
        w.begin(1);
        for (int i = 0; i < labels.size(); i++) {
            w.begin(1);
            w.stringField(1, labels.name(i));
            w.stringField(2, labels.value(i));
            w.end();
        }
        for (int i = from; i < to; i++) {
            w.begin(2);
            w.doubleField(1, vs[i]);
            w.int64Field(2, ts[i]);
            w.end();
        }
        w.end();
        return this;
    }

    public WriteRequestEncoder add(Labels labels, long t, double v) {
        return add(labels, new long[] {t}, new double[] {v}, 0, 1);
    }

    public byte[] finish() {
        return w.toByteArray();
    }

    public void reset() {
        w.reset();
    }
}
