package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delimited protobuf exposition format: a sequence of {@code io.prometheus.client.MetricFamily}
 * messages, each preceded by its length as a varint (shared/contracts/prompb/io/prometheus/
 * client/metrics.proto). Hand-written codec of the fields Pharos uses: counters, gauges,
 * untyped, summaries and classic histograms with their timestamps; unknown fields (native
 * histogram spans and deltas, exemplars, start timestamps) are skipped on decoding.
 */
public final class ProtobufFormat {

    public static final String CONTENT_TYPE =
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;

    private ProtobufFormat() {
    }

    // ---------------------------------------------------------------------------------------
    // Decoding

    /** Decodes every length-delimited MetricFamily of {@code body}. */
    public static List<MetricFamilyData> decodeDelimited(byte[] body) throws ExpositionParseException {
        List<MetricFamilyData> out = new ArrayList<>();
        Reader r = new Reader(body, 0, body.length);
        while (!r.done()) {
            int len = (int) r.varint();
            int start = r.pos;
            r.need(len);
            out.add(decodeFamily(body, start, start + len));
            r.pos = start + len;
        }
        return out;
    }

    /** Decodes one MetricFamily message occupying {@code b[from, to)}. */
    public static MetricFamilyData decodeFamily(byte[] b, int from, int to) throws ExpositionParseException {
        Reader r = new Reader(b, from, to);
        String name = null;
        String help = null;
        String unit = null;
        int type = 0;
        List<int[]> metricRanges = new ArrayList<>();
        while (!r.done()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> name = r.string(wire);
                case 2 -> help = r.string(wire);
                case 3 -> type = (int) r.varintField(wire);
                case 4 -> metricRanges.add(r.message(wire));
                case 5 -> unit = r.string(wire);
                default -> r.skip(wire);
            }
        }
        if (name == null || name.isEmpty()) {
            throw r.error("metric family without a name");
        }
        MetricType mt = switch (type) {
            case 0 -> MetricType.COUNTER;
            case 1 -> MetricType.GAUGE;
            case 2 -> MetricType.SUMMARY;
            case 3 -> MetricType.UNKNOWN;
            case 4 -> MetricType.HISTOGRAM;
            case 5 -> MetricType.GAUGEHISTOGRAM;
            default -> throw r.error("unknown metric type " + type + " of family " + Quoting.goQuote(name));
        };
        List<MetricData> metrics = new ArrayList<>(metricRanges.size());
        for (int[] m : metricRanges) {
            metrics.add(decodeMetric(b, m[0], m[1], mt));
        }
        return new MetricFamilyData(name, help, mt, unit == null || unit.isEmpty() ? null : unit, metrics);
    }

    private static MetricData decodeMetric(byte[] b, int from, int to, MetricType type) throws ExpositionParseException {
        Reader r = new Reader(b, from, to);
        List<String> pairs = new ArrayList<>();
        double value = 0;
        double count = 0;
        double sum = 0;
        List<MetricData.Quantile> quantiles = new ArrayList<>();
        List<MetricData.Bucket> buckets = new ArrayList<>();
        boolean hasTs = false;
        long ts = 0;
        while (!r.done()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    int[] lp = r.message(wire);
                    Reader lr = new Reader(b, lp[0], lp[1]);
                    String ln = "";
                    String lv = "";
                    while (!lr.done()) {
                        long t = lr.varint();
                        switch ((int) (t >>> 3)) {
                            case 1 -> ln = lr.string((int) (t & 7));
                            case 2 -> lv = lr.string((int) (t & 7));
                            default -> lr.skip((int) (t & 7));
                        }
                    }
                    pairs.add(ln);
                    pairs.add(lv);
                }
                case 2, 3, 5 -> {
                    // Gauge, Counter, Untyped: field 1 is the value.
                    int[] sub = r.message(wire);
                    Reader sr = new Reader(b, sub[0], sub[1]);
                    while (!sr.done()) {
                        long t = sr.varint();
                        if ((t >>> 3) == 1) {
                            value = sr.doubleField((int) (t & 7));
                        } else {
                            sr.skip((int) (t & 7));
                        }
                    }
                }
                case 4 -> {
                    int[] sub = r.message(wire);
                    Reader sr = new Reader(b, sub[0], sub[1]);
                    while (!sr.done()) {
                        long t = sr.varint();
                        int w = (int) (t & 7);
                        switch ((int) (t >>> 3)) {
                            case 1 -> count = unsigned(sr.varintField(w));
                            case 2 -> sum = sr.doubleField(w);
                            case 3 -> {
                                int[] q = sr.message(w);
                                Reader qr = new Reader(b, q[0], q[1]);
                                double qq = 0;
                                double qv = 0;
                                while (!qr.done()) {
                                    long qt = qr.varint();
                                    switch ((int) (qt >>> 3)) {
                                        case 1 -> qq = qr.doubleField((int) (qt & 7));
                                        case 2 -> qv = qr.doubleField((int) (qt & 7));
                                        default -> qr.skip((int) (qt & 7));
                                    }
                                }
                                quantiles.add(new MetricData.Quantile(qq, qv));
                            }
                            default -> sr.skip(w);
                        }
                    }
                }
                case 7 -> {
                    int[] sub = r.message(wire);
                    Reader sr = new Reader(b, sub[0], sub[1]);
                    double countFloat = 0;
                    while (!sr.done()) {
                        long t = sr.varint();
                        int w = (int) (t & 7);
                        switch ((int) (t >>> 3)) {
                            case 1 -> count = unsigned(sr.varintField(w));
                            case 4 -> countFloat = sr.doubleField(w);
                            case 2 -> sum = sr.doubleField(w);
                            case 3 -> buckets.add(decodeBucket(b, sr.message(w)));
                            default -> sr.skip(w);
                        }
                    }
                    if (countFloat > 0) {
                        count = countFloat;
                    }
                }
                case 6 -> {
                    ts = r.varintField(wire);
                    hasTs = true;
                }
                default -> r.skip(wire);
            }
        }
        Labels labels = labelsOf(pairs, r);
        return switch (type) {
            case SUMMARY -> withTs(MetricData.summary(labels, count, sum, quantiles), hasTs, ts);
            case HISTOGRAM, GAUGEHISTOGRAM -> withTs(MetricData.histogram(labels, count, sum, buckets), hasTs, ts);
            default -> withTs(MetricData.simple(labels, value), hasTs, ts);
        };
    }

    private static MetricData withTs(MetricData d, boolean hasTs, long ts) {
        return hasTs ? d.withTimestamp(ts) : d;
    }

    private static MetricData.Bucket decodeBucket(byte[] b, int[] range) throws ExpositionParseException {
        Reader r = new Reader(b, range[0], range[1]);
        double count = 0;
        double countFloat = 0;
        double upper = 0;
        while (!r.done()) {
            long t = r.varint();
            int w = (int) (t & 7);
            switch ((int) (t >>> 3)) {
                case 1 -> count = unsigned(r.varintField(w));
                case 4 -> countFloat = r.doubleField(w);
                case 2 -> upper = r.doubleField(w);
                default -> r.skip(w);
            }
        }
        return new MetricData.Bucket(upper, countFloat > 0 ? countFloat : count);
    }

    private static Labels labelsOf(List<String> pairs, Reader r) throws ExpositionParseException {
        if (pairs.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels.Builder lb = new Labels.Builder();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (lb.get(pairs.get(i)) != null) {
                throw r.error("duplicate label name " + Quoting.goQuote(pairs.get(i)));
            }
            lb.set(pairs.get(i), pairs.get(i + 1));
        }
        return lb.build();
    }

    private static double unsigned(long v) {
        return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** Bounds-checked reading of one message; errors carry the byte offset. */
    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.pos = from;
            this.end = to;
        }

        boolean done() {
            return pos >= end;
        }

        ExpositionParseException error(String msg) {
            return new ExpositionParseException(0, "invalid protobuf at byte " + pos + ": " + msg);
        }

        void need(int n) throws ExpositionParseException {
            if (n < 0 || pos + n > end) {
                throw error("truncated message");
            }
        }

        long varint() throws ExpositionParseException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw error("truncated varint");
                }
                byte c = b[pos++];
                v |= (long) (c & 0x7f) << shift;
                if (c >= 0) {
                    return v;
                }
            }
            throw error("varint too long");
        }

        long varintField(int wire) throws ExpositionParseException {
            if (wire != VARINT) {
                throw error("expected a varint field, got wire type " + wire);
            }
            return varint();
        }

        double doubleField(int wire) throws ExpositionParseException {
            if (wire != FIXED64) {
                throw error("expected a double field, got wire type " + wire);
            }
            need(8);
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v |= (long) (b[pos + k] & 0xff) << (8 * k);
            }
            pos += 8;
            return Double.longBitsToDouble(v);
        }

        int[] message(int wire) throws ExpositionParseException {
            if (wire != LEN) {
                throw error("expected a length-delimited field, got wire type " + wire);
            }
            long len = varint();
            if (len > Integer.MAX_VALUE) {
                throw error("length too large");
            }
            need((int) len);
            int[] range = {pos, pos + (int) len};
            pos += (int) len;
            return range;
        }

        String string(int wire) throws ExpositionParseException {
            int[] range = message(wire);
            if (!Utf8.isValid(b, range[0], range[1])) {
                throw error("invalid UTF-8 string");
            }
            return new String(b, range[0], range[1] - range[0], StandardCharsets.UTF_8);
        }

        void skip(int wire) throws ExpositionParseException {
            switch (wire) {
                case VARINT -> varint();
                case FIXED64 -> {
                    need(8);
                    pos += 8;
                }
                case LEN -> message(wire);
                case FIXED32 -> {
                    need(4);
                    pos += 4;
                }
                default -> throw error("unsupported wire type " + wire);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Encoding

    /** Encodes families as length-delimited MetricFamily messages. */
    public static byte[] encodeDelimited(List<MetricFamilyData> families) {
        Writer w = new Writer();
        for (MetricFamilyData f : families) {
            Writer m = encodeFamily(f);
            w.varint(m.n);
            w.bytes(m.buf, 0, m.n);
        }
        return Arrays.copyOf(w.buf, w.n);
    }

    /** Writes families as length-delimited MetricFamily messages to {@code out}. */
    public static void writeDelimited(List<MetricFamilyData> families, OutputStream out) throws IOException {
        out.write(encodeDelimited(families));
    }

    private static Writer encodeFamily(MetricFamilyData f) {
        Writer w = new Writer();
        w.string(1, f.name());
        if (f.help() != null) {
            w.string(2, f.help());
        }
        int type = switch (f.type()) {
            case COUNTER -> 0;
            case GAUGE, INFO, STATESET -> 1;
            case SUMMARY -> 2;
            case HISTOGRAM -> 4;
            case GAUGEHISTOGRAM -> 5;
            default -> 3;
        };
        w.tag(3, VARINT);
        w.varint(type);
        for (MetricData m : f.metrics()) {
            w.message(4, encodeMetric(m, f.type()));
        }
        if (f.unit() != null && !f.unit().isEmpty()) {
            w.string(5, f.unit());
        }
        return w;
    }

    private static Writer encodeMetric(MetricData m, MetricType type) {
        Writer w = new Writer();
        Labels l = m.labels();
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            Writer lp = new Writer();
            lp.string(1, l.name(i));
            lp.string(2, l.value(i));
            w.message(1, lp);
        }
        switch (type) {
            case SUMMARY -> {
                Writer s = new Writer();
                s.tag(1, VARINT);
                s.varint((long) m.sampleCount());
                s.dbl(2, m.sampleSum());
                for (MetricData.Quantile q : m.quantiles()) {
                    Writer qw = new Writer();
                    qw.dbl(1, q.quantile());
                    qw.dbl(2, q.value());
                    s.message(3, qw);
                }
                w.message(4, s);
            }
            case HISTOGRAM, GAUGEHISTOGRAM -> {
                Writer h = new Writer();
                count(h, 1, 4, m.sampleCount());
                h.dbl(2, m.sampleSum());
                for (MetricData.Bucket bk : m.buckets()) {
                    Writer bw = new Writer();
                    count(bw, 1, 4, bk.cumulativeCount());
                    bw.dbl(2, bk.upperBound());
                    h.message(3, bw);
                }
                w.message(7, h);
            }
            default -> {
                Writer v = new Writer();
                v.dbl(1, m.value());
                int field = switch (type) {
                    case COUNTER -> 3;
                    case GAUGE, INFO, STATESET -> 2;
                    default -> 5;
                };
                w.message(field, v);
            }
        }
        if (m.hasTimestamp()) {
            w.tag(6, VARINT);
            w.varint(m.timestampMs());
        }
        return w;
    }

    /** An integral count as the uint64 field, any other as the float override field. */
    private static void count(Writer w, int intField, int floatField, double c) {
        if (c >= 0 && c == Math.rint(c) && c < 9.2e18) {
            w.tag(intField, VARINT);
            w.varint((long) c);
        } else {
            w.dbl(floatField, c);
        }
    }

    /** A growable byte buffer with protobuf primitives. */
    private static final class Writer {
        byte[] buf = new byte[64];
        int n;

        void ensure(int k) {
            if (n + k > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + k));
            }
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[n++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void tag(int field, int wire) {
            varint(((long) field << 3) | wire);
        }

        void bytes(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, buf, n, len);
            n += len;
        }

        void string(int field, String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            tag(field, LEN);
            varint(u.length);
            bytes(u, 0, u.length);
        }

        void dbl(int field, double d) {
            tag(field, FIXED64);
            ensure(8);
            long v = Double.doubleToRawLongBits(d);
            for (int k = 0; k < 8; k++) {
                buf[n++] = (byte) (v >>> (8 * k));
            }
        }

        void message(int field, Writer m) {
            tag(field, LEN);
            varint(m.n);
            bytes(m.buf, 0, m.n);
        }
    }
}
