package dev.pharos.remote;

import dev.pharos.model.Labels;
import java.util.Arrays;

/**
 * Decodes a Remote Write 1.0 {@code prometheus.WriteRequest} (already snappy-decompressed)
 * straight into a {@link Sink}: one {@link Sink#series} call per TimeSeries followed by its
 * samples, without building message objects. Positions of a series' fields are kept in reused
 * int arrays, so labels are known before samples whatever the field order. Metadata, exemplars
 * and native histograms are skipped (histograms are counted).
 *
 * <p>Not thread-safe; one decoder per request or per thread.
 */
public final class WriteRequestDecoder {

    /** Receives decoded series and samples. */
    public interface Sink {
        /** Starts a series; the samples that follow belong to it. */
        void series(Labels labels);

        void sample(long timestampMillis, double value);
    }

    private ProtoReader cursor;
    private int[] labelOff = new int[32];
    private int[] labelLen = new int[32];
    private int[] sampleOff = new int[64];
    private int[] sampleLen = new int[64];
    private String[] names = new String[16];
    private String[] values = new String[16];

    /** Counts of the last decode. */
    private int seriesCount;
    private long sampleCount;
    private long histogramCount;

    public int seriesCount() {
        return seriesCount;
    }

    public long sampleCount() {
        return sampleCount;
    }

    public long histogramCount() {
        return histogramCount;
    }

    public void decode(byte[] buf, int off, int len, Sink sink) throws MalformedProtobufException {
        seriesCount = 0;
        sampleCount = 0;
        histogramCount = 0;
        cursor = new ProtoReader(buf, 0, 0);
        validate(buf, off, len);
        ProtoReader r = new ProtoReader(buf, off, len);
        while (r.more()) {
            int tag = r.tag();
            if (tag >>> 3 == 1) {
                r.expect(tag, ProtoReader.LEN);
                int n = r.length();
                int end = r.pos + n;
                timeSeries(buf, r.pos, n, sink);
                r.pos = end;
                seriesCount++;
            } else {
                r.skip(tag); // metadata (3) and unknown fields
            }
        }
    }

    /**
     * Walks the whole message structure (keys, lengths, nested TimeSeries, Label and Sample
     * messages) without building anything, so that a malformed body is refused before a
     * single sample reaches the sink.
     */
    private void validate(byte[] buf, int off, int len) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(buf, off, len);
        while (r.more()) {
            int tag = r.tag();
            if (tag >>> 3 != 1) {
                r.skip(tag);
                continue;
            }
            r.expect(tag, ProtoReader.LEN);
            int n = r.length();
            ProtoReader ts = new ProtoReader(buf, r.pos, n);
            r.pos += n;
            boolean labels = false;
            while (ts.more()) {
                int t = ts.tag();
                int field = t >>> 3;
                if (field == 1 || field == 2) {
                    ts.expect(t, ProtoReader.LEN);
                    int m = ts.length();
                    ProtoReader inner = cursor.range(ts.pos, m);
                    ts.pos += m;
                    while (inner.more()) {
                        int it = inner.tag();
                        if (field == 1 && (it >>> 3) <= 2) {
                            inner.expect(it, ProtoReader.LEN);
                        } else if (field == 2 && it >>> 3 == 1) {
                            inner.expect(it, ProtoReader.FIXED64);
                        } else if (field == 2 && it >>> 3 == 2) {
                            inner.expect(it, ProtoReader.VARINT);
                        }
                        inner.skip(it);
                    }
                    labels |= field == 1;
                } else {
                    ts.skip(t);
                }
            }
            if (!labels) {
                throw new MalformedProtobufException("time series without labels");
            }
        }
    }

    private void timeSeries(byte[] buf, int off, int len, Sink sink) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(buf, off, len);
        int nl = 0;
        int ns = 0;
        while (r.more()) {
            int tag = r.tag();
            int field = tag >>> 3;
            if (field == 1 || field == 2) {
                r.expect(tag, ProtoReader.LEN);
                int n = r.length();
                if (field == 1) {
                    if (nl == labelOff.length) {
                        labelOff = Arrays.copyOf(labelOff, nl * 2);
                        labelLen = Arrays.copyOf(labelLen, nl * 2);
                    }
                    labelOff[nl] = r.pos;
                    labelLen[nl++] = n;
                } else {
                    if (ns == sampleOff.length) {
                        sampleOff = Arrays.copyOf(sampleOff, ns * 2);
                        sampleLen = Arrays.copyOf(sampleLen, ns * 2);
                    }
                    sampleOff[ns] = r.pos;
                    sampleLen[ns++] = n;
                }
                r.pos += n;
            } else {
                if (field == 4) {
                    histogramCount++;
                }
                r.skip(tag);
            }
        }
        sink.series(labels(buf, nl));
        for (int i = 0; i < ns; i++) {
            ProtoReader s = cursor.range(sampleOff[i], sampleLen[i]);
            double v = 0;
            long t = 0;
            while (s.more()) {
                int tag = s.tag();
                switch (tag) {
                    case (1 << 3) | ProtoReader.FIXED64 -> v = s.double64();
                    case (2 << 3) | ProtoReader.VARINT -> t = s.varint();
                    default -> s.skip(tag);
                }
            }
            sink.sample(t, v);
            sampleCount++;
        }
    }

    private Labels labels(byte[] buf, int nl) throws MalformedProtobufException {
        if (names.length < nl) {
            names = new String[nl];
            values = new String[nl];
        }
        int kept = 0;
        boolean sorted = true;
        for (int i = 0; i < nl; i++) {
            ProtoReader r = cursor.range(labelOff[i], labelLen[i]);
            String name = "";
            String value = "";
            while (r.more()) {
                int tag = r.tag();
                switch (tag) {
                    case (1 << 3) | ProtoReader.LEN -> name = r.string();
                    case (2 << 3) | ProtoReader.LEN -> value = r.string();
                    default -> r.skip(tag);
                }
            }
            if (name.isEmpty()) {
                throw new MalformedProtobufException("label with an empty name");
            }
            if (value.isEmpty()) {
                continue; // an empty value means the label is absent
            }
            if (kept > 0 && name.compareTo(names[kept - 1]) <= 0) {
                sorted = false;
            }
            names[kept] = name;
            values[kept++] = value;
        }
        if (kept == 0) {
            throw new MalformedProtobufException("time series without labels");
        }
        if (sorted) {
            String[] pairs = new String[kept * 2];
            for (int i = 0; i < kept; i++) {
                pairs[2 * i] = names[i];
                pairs[2 * i + 1] = values[i];
            }
            return Labels.fromSortedPairs(pairs);
        }
        Labels.Builder b = new Labels.Builder();
        for (int i = 0; i < kept; i++) {
            if (b.get(names[i]) != null) {
                throw new MalformedProtobufException("duplicate label name " + names[i]);
            }
            b.set(names[i], values[i]);
        }
        return b.build();
    }
}
