package dev.pharos.pushgateway;

import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * The stored form of a group's families: a compact, lossless binary encoding written in one
 * pass. Every string (names, label names and values, HELP, types) is written once inline and
 * afterwards referred to by its index, so the label names and grouping labels that every series
 * of a group repeats cost a byte or two each; values are raw IEEE doubles. A 50-series group
 * takes about a third of its delimited-protobuf size, and encoding allocates no per-series
 * objects.
 *
 * <p>Layout: {@code 0x00 'P' 1}, varint family count, then per family: ref(name), ref(help),
 * ref(type), ref(unit), varint metric count; per metric: varint label count, ref(name)
 * ref(value) per label, a flags byte, then the fields the flags announce. A ref is a varint:
 * 0 = null, 1 = a new string follows (length-prefixed UTF-8) and gets the next index,
 * {@code k + 2} = the string of index {@code k}. The leading zero byte can never start the
 * old delimited-protobuf form (a family message is never empty), which {@link GroupCodec}
 * still reads.
 */
final class CompactGroupFormat {

    static final byte[] MAGIC = {0, 'P', 1};

    private static final int TIMESTAMP = 1;
    private static final int VALUE = 2;
    private static final int COUNT_SUM = 4;
    private static final int QUANTILES = 8;
    private static final int BUCKETS = 16;

    private CompactGroupFormat() {
    }

    static boolean isCompact(byte[] b) {
        return b.length >= 3 && b[0] == MAGIC[0] && b[1] == MAGIC[1] && b[2] == MAGIC[2];
    }

    static byte[] encode(Iterable<MetricFamilyData> families, int familyCount) {
        Out o = new Out();
        o.raw(MAGIC);
        o.varint(familyCount);
        for (MetricFamilyData f : families) {
            o.ref(f.name());
            o.ref(f.help());
            o.ref(f.type().name());
            o.ref(f.unit());
            List<MetricData> ms = f.metrics();
            o.varint(ms.size());
            for (int k = 0, n = ms.size(); k < n; k++) {
                MetricData m = ms.get(k);
                Labels l = m.labels();
                o.varint(l.size());
                for (int i = 0; i < l.size(); i++) {
                    o.ref(l.name(i));
                    o.ref(l.value(i));
                }
                int flags = (m.hasTimestamp() ? TIMESTAMP : 0)
                        | (Double.doubleToRawLongBits(m.value()) != 0 ? VALUE : 0)
                        | (Double.doubleToRawLongBits(m.sampleCount()) != 0
                                || Double.doubleToRawLongBits(m.sampleSum()) != 0 ? COUNT_SUM : 0)
                        | (m.quantiles().isEmpty() ? 0 : QUANTILES)
                        | (m.buckets().isEmpty() ? 0 : BUCKETS);
                o.ensure(1);
                o.buf[o.n++] = (byte) flags;
                if ((flags & TIMESTAMP) != 0) {
                    o.fixed64(m.timestampMs());
                }
                if ((flags & VALUE) != 0) {
                    o.dbl(m.value());
                }
                if ((flags & COUNT_SUM) != 0) {
                    o.dbl(m.sampleCount());
                    o.dbl(m.sampleSum());
                }
                if ((flags & QUANTILES) != 0) {
                    o.varint(m.quantiles().size());
                    for (MetricData.Quantile q : m.quantiles()) {
                        o.dbl(q.quantile());
                        o.dbl(q.value());
                    }
                }
                if ((flags & BUCKETS) != 0) {
                    o.varint(m.buckets().size());
                    for (MetricData.Bucket bk : m.buckets()) {
                        o.dbl(bk.upperBound());
                        o.dbl(bk.cumulativeCount());
                    }
                }
            }
        }
        return Arrays.copyOf(o.buf, o.n);
    }

    static List<MetricFamilyData> decode(byte[] b) throws ExpositionParseException {
        In in = new In(b);
        try {
            in.pos = MAGIC.length;
            int nf = in.varint();
            List<MetricFamilyData> out = new ArrayList<>(nf);
            for (int fi = 0; fi < nf; fi++) {
                String name = in.ref();
                String help = in.ref();
                MetricType type = MetricType.valueOf(in.ref());
                String unit = in.ref();
                int nm = in.varint();
                List<MetricData> ms = new ArrayList<>(nm);
                for (int k = 0; k < nm; k++) {
                    int nl = in.varint();
                    String[] pairs = new String[nl * 2];
                    for (int i = 0; i < pairs.length; i++) {
                        pairs[i] = in.ref();
                    }
                    Labels labels = nl == 0 ? Labels.EMPTY : Labels.fromSortedPairs(pairs);
                    int flags = in.b[in.pos++];
                    long ts = (flags & TIMESTAMP) != 0 ? in.fixed64() : 0;
                    double value = (flags & VALUE) != 0 ? in.dbl() : 0;
                    double count = 0;
                    double sum = 0;
                    if ((flags & COUNT_SUM) != 0) {
                        count = in.dbl();
                        sum = in.dbl();
                    }
                    List<MetricData.Quantile> qs = List.of();
                    if ((flags & QUANTILES) != 0) {
                        int nq = in.varint();
                        qs = new ArrayList<>(nq);
                        for (int i = 0; i < nq; i++) {
                            qs.add(new MetricData.Quantile(in.dbl(), in.dbl()));
                        }
                    }
                    List<MetricData.Bucket> bs = List.of();
                    if ((flags & BUCKETS) != 0) {
                        int nb = in.varint();
                        bs = new ArrayList<>(nb);
                        for (int i = 0; i < nb; i++) {
                            bs.add(new MetricData.Bucket(in.dbl(), in.dbl()));
                        }
                    }
                    ms.add(new MetricData(labels, value, count, sum, qs, bs, (flags & TIMESTAMP) != 0, ts));
                }
                out.add(new MetricFamilyData(name, help, type, unit, ms));
            }
            if (in.pos != b.length) {
                throw new ExpositionParseException(0, "stored group: " + (b.length - in.pos) + " trailing bytes");
            }
            return out;
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ExpositionParseException(0, "stored group is corrupt: " + e);
        }
    }

    /** A growable buffer with the string dictionary of one encoding. */
    private static final class Out {
        byte[] buf = new byte[2048];
        int n;
        final HashMap<String, Integer> strings = new HashMap<>();

        void ensure(int k) {
            if (n + k > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + k));
            }
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[n++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
        }

        void fixed64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[n++] = (byte) (v >>> (8 * i));
            }
        }

        void dbl(double d) {
            fixed64(Double.doubleToRawLongBits(d));
        }

        void ref(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            Integer k = strings.get(s);
            if (k != null) {
                varint(k + 2L);
                return;
            }
            strings.put(s, strings.size());
            varint(1);
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            varint(u.length);
            raw(u);
        }
    }

    private static final class In {
        final byte[] b;
        int pos;
        final List<String> strings = new ArrayList<>();

        In(byte[] b) {
            this.b = b;
        }

        int varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("varint out of range: " + v);
                    }
                    return (int) v;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (b[pos++] & 0xffL) << (8 * i);
            }
            return v;
        }

        double dbl() {
            return Double.longBitsToDouble(fixed64());
        }

        String ref() {
            int r = varint();
            if (r == 0) {
                return null;
            }
            if (r == 1) {
                int len = varint();
                if (len > b.length - pos) {
                    throw new IllegalArgumentException("string beyond the end");
                }
                String s = new String(b, pos, len, StandardCharsets.UTF_8);
                pos += len;
                strings.add(s);
                return s;
            }
            return strings.get(r - 2);
        }
    }
}
