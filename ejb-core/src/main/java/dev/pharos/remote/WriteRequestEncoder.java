package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;

/**
 * Builds a {@code prometheus.WriteRequest} series by series (for a remote-write sender and the
 * tests), or metadata entry by metadata entry; {@link #finish()} returns the uncompressed
 * protobuf bytes.
 */
public final class WriteRequestEncoder {

    private final ProtoWriter w = new ProtoWriter(4096);

    /** Adds one TimeSeries with its samples [from, to). */
    public WriteRequestEncoder add(Labels labels, long[] ts, double[] vs, int from, int to) {
        w.begin(1);
        writeLabels(w, labels);
        samples(ts, vs, from, to);
        w.end();
        return this;
    }

    /** As {@link #add(Labels, long[], double[], int, int)} with labels from {@link #encodeLabels}. */
    public WriteRequestEncoder add(byte[] encodedLabels, long[] ts, double[] vs, int from, int to) {
        w.begin(1);
        w.raw(encodedLabels, 0, encodedLabels.length);
        samples(ts, vs, from, to);
        w.end();
        return this;
    }

    private void samples(long[] ts, double[] vs, int from, int to) {
        for (int i = from; i < to; i++) {
            w.begin(2);
            w.doubleField(1, vs[i]);
            w.int64Field(2, ts[i]);
            w.end();
        }
    }

    public WriteRequestEncoder add(Labels labels, long t, double v) {
        return add(labels, new long[] {t}, new double[] {v}, 0, 1);
    }

    /** Adds one {@code MetricMetadata} (WriteRequest field 3); empty help and unit are left out. */
    public WriteRequestEncoder addMetadata(String metricFamily, MetricType type, String help, String unit) {
        w.begin(3);
        w.int64Field(1, wireType(type));
        w.stringField(2, metricFamily);
        if (help != null && !help.isEmpty()) {
            w.stringField(4, help);
        }
        if (unit != null && !unit.isEmpty()) {
            w.stringField(5, unit);
        }
        w.end();
        return this;
    }

    /** The prompb {@code MetricMetadata.MetricType} number. */
    static int wireType(MetricType t) {
        return switch (t == null ? MetricType.UNKNOWN : t) {
            case UNKNOWN -> 0;
            case COUNTER -> 1;
            case GAUGE -> 2;
            case HISTOGRAM -> 3;
            case GAUGEHISTOGRAM -> 4;
            case SUMMARY -> 5;
            case INFO -> 6;
            case STATESET -> 7;
        };
    }

    static MetricType fromWireType(long n) {
        return switch ((int) n) {
            case 1 -> MetricType.COUNTER;
            case 2 -> MetricType.GAUGE;
            case 3 -> MetricType.HISTOGRAM;
            case 4 -> MetricType.GAUGEHISTOGRAM;
            case 5 -> MetricType.SUMMARY;
            case 6 -> MetricType.INFO;
            case 7 -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
    }

    /** The repeated {@code Label} fields of a TimeSeries for {@code labels}, encoded once per series. */
    public static byte[] encodeLabels(Labels labels) {
        ProtoWriter pw = new ProtoWriter(16 + 24 * labels.size());
        writeLabels(pw, labels);
        return pw.toByteArray();
    }

    private static void writeLabels(ProtoWriter pw, Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            pw.begin(1);
            pw.stringField(1, labels.name(i));
            pw.stringField(2, labels.value(i));
            pw.end();
        }
    }

    /** Bytes added since the last {@link #reset()}. */
    public int size() {
        return w.size();
    }

    public byte[] finish() {
        return w.toByteArray();
    }

    /** Scratch output of {@link #finishSnappy()}, kept between batches. */
    private byte[] compressed = new byte[0];

    /**
     * The snappy-compressed request: compressed straight from the encoding buffer into a reused
     * one, so a batch allocates only its exact-size result.
     */
    public byte[] finishSnappy() throws java.io.IOException {
        int max = org.xerial.snappy.Snappy.maxCompressedLength(w.size());
        if (compressed.length < max) {
            compressed = new byte[max];
        }
        int n = org.xerial.snappy.Snappy.rawCompress(w.buffer(), 0, w.size(), compressed, 0);
        return java.util.Arrays.copyOf(compressed, n);
    }

    public void reset() {
        w.reset();
    }
}
