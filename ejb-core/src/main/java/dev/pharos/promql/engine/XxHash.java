package dev.pharos.promql.engine;

import dev.pharos.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * XXH64 (seed 0) over Prometheus's label encoding (name 0xff value 0xff ...), so that
 * limit_ratio picks the same series Prometheus picks.
 */
final class XxHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash() {
    }

    static double ratioOffset(Labels l) {
        long h = labelsHash(l);
        // float64(uint64) / float64(MaxUint64)
        double u = h >= 0 ? (double) h : ((double) (h >>> 1) * 2.0 + (h & 1));
        return u / 1.8446744073709552E19;
    }

    static long labelsHash(Labels l) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < l.size(); i++) {
            byte[] n = l.name(i).getBytes(StandardCharsets.UTF_8);
            byte[] v = l.value(i).getBytes(StandardCharsets.UTF_8);
            out.write(n, 0, n.length);
            out.write(0xff);
            out.write(v, 0, v.length);
            out.write(0xff);
        }
        return hash(out.toByteArray());
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long acc, long val) {
        val = round(0, val);
        acc ^= val;
        return acc * P1 + P4;
    }

    private static long le64(byte[] b, int i) {
        long r = 0;
        for (int k = 7; k >= 0; k--) {
            r = (r << 8) | (b[i + k] & 0xffL);
        }
        return r;
    }

    private static long le32(byte[] b, int i) {
        long r = 0;
        for (int k = 3; k >= 0; k--) {
            r = (r << 8) | (b[i + k] & 0xffL);
        }
        return r;
    }

    static long hash(byte[] b) {
        int n = b.length;
        int i = 0;
        long h;
        if (n >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            while (i + 32 <= n) {
                v1 = round(v1, le64(b, i));
                v2 = round(v2, le64(b, i + 8));
                v3 = round(v3, le64(b, i + 16));
                v4 = round(v4, le64(b, i + 24));
                i += 32;
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = P5;
        }
        h += n;
        while (i + 8 <= n) {
            long k1 = round(0, le64(b, i));
            h ^= k1;
            h = Long.rotateLeft(h, 27) * P1 + P4;
            i += 8;
        }
        if (i + 4 <= n) {
            h ^= le32(b, i) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        while (i < n) {
            h ^= (b[i] & 0xffL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            i++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
