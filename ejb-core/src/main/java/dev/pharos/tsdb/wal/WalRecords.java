package dev.pharos.tsdb.wal;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.encoding.Decbuf;
import dev.pharos.tsdb.encoding.Encbuf;

/** Encoders and decoders of record payloads (layout in {@code package-info.java}). */
public final class WalRecords {

    private WalRecords() {
    }

    /** Receives decoded records during replay. Sample callbacks carry primitive values only. */
    public interface Handler {
        void series(long ref, Labels labels);

        void sample(long ref, long t, double v);

        void tombstone(long ref, long mint, long maxt);
    }

    public static void encodeSeries(Encbuf e, long ref, Labels labels) {
        e.putUvarint(ref);
        e.putUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            e.putUvarintStr(labels.name(i));
            e.putUvarintStr(labels.value(i));
        }
    }

    /**
     * Samples payload: n, first ref, first t, then per sample the ref and t deltas to the previous
     * sample (1 byte each in scrape order) and the value bits.
     */
    public static void encodeSamples(Encbuf e, long[] refs, long[] ts, double[] vs, int n) {
        e.putUvarint(n);
        if (n == 0) {
            return;
        }
        long pref = refs[0];
        long pt = ts[0];
        e.putUvarint(pref);
        e.putVarint(pt);
        for (int i = 0; i < n; i++) {
            e.putVarint(refs[i] - pref);
            e.putVarint(ts[i] - pt);
            e.putBE64(Double.doubleToRawLongBits(vs[i]));
            pref = refs[i];
            pt = ts[i];
        }
    }

    public static void encodeTombstone(Encbuf e, long ref, long mint, long maxt) {
        e.putUvarint(ref);
        e.putVarint(mint);
        e.putVarint(maxt);
    }

    /** Decodes one payload; returns an error text or null. */
    public static String decode(WalRecordType type, Decbuf d, Handler h) {
        switch (type) {
            case SERIES -> {
                while (d.remaining() > 0 && d.err() == null) {
                    long ref = d.getUvarint();
                    int n = d.getUvarint32();
                    if (n > d.remaining()) {
                        return "label count " + n + " exceeds record";
                    }
                    String[] pairs = new String[2 * n];
                    for (int i = 0; i < 2 * n; i++) {
                        pairs[i] = d.getUvarintStr();
                    }
                    if (d.err() == null) {
                        h.series(ref, Labels.fromSortedPairs(pairs));
                    }
                }
            }
            case SAMPLES -> {
                int n = d.getUvarint32();
                if (n > 0) {
                    long ref = d.getUvarint();
                    long t = d.getVarint();
                    for (int i = 0; i < n && d.err() == null; i++) {
                        ref += d.getVarint();
                        t += d.getVarint();
                        long bits = d.getBE64();
                        if (d.err() == null) {
                            h.sample(ref, t, Double.longBitsToDouble(bits));
                        }
                    }
                }
            }
            case TOMBSTONES -> {
                while (d.remaining() > 0 && d.err() == null) {
                    long ref = d.getUvarint();
                    long mint = d.getVarint();
                    long maxt = d.getVarint();
                    if (d.err() == null) {
                        h.tombstone(ref, mint, maxt);
                    }
                }
            }
        }
        return d.err();
    }
}
