package dev.pharos.remote;

import java.util.Arrays;

/**
 * An encoder of Prometheus's XOR chunk format ({@code chunkenc.XORChunk}), for remote read's
 * STREAMED_XOR_CHUNKS responses. Pharos's own TSDB chunk differs (smaller first dod bucket,
 * different first-sample encoding, window heuristics), so chunks are re-encoded here:
 *
 * <pre>
 * uint16 big-endian sample count, then bits (most significant first):
 *   sample 0: t0 as a signed (zig-zag) varint, byte by byte; v0 as 64 raw bits
 *   sample 1: t1-t0 as an unsigned varint, byte by byte; xor(v1, v0)
 *   sample i: dod = (ti-ti-1)-(ti-1-ti-2):
 *             '0' | '10'+14 bits | '110'+17 bits | '1110'+20 bits | '1111'+64 bits; xor(vi, vi-1)
 *   xor:      '0' if equal; '10' + bits in the previous leading/trailing window when they fit;
 *             else '11' + 5 bits leading zeros (max 31) + 6 bits significant count (64 as 0) + bits
 * </pre>
 */
public final class PromXorChunk {

    private byte[] buf = new byte[128];
    private long bitPos = 16;
    private int count;
    private long t;
    private long tDelta;
    private long vBits;
    private int leading = 0xFF;
    private int trailing;
    private long minT;

    public int numSamples() {
        return count;
    }

    public long minTime() {
        return minT;
    }

    public long maxTime() {
        return t;
    }

    public int sizeBytes() {
        return (int) ((bitPos + 7) >>> 3);
    }

    public byte[] rawBytes() {
        return buf;
    }

    public void reset() {
        Arrays.fill(buf, 0, Math.min(buf.length, sizeBytes()), (byte) 0);
        bitPos = 16;
        count = 0;
        t = 0;
        tDelta = 0;
        vBits = 0;
        leading = 0xFF;
        trailing = 0;
    }

    public void append(long ts, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (count == 0) {
            long u = (ts << 1) ^ (ts >> 63);
            uvarintBytes(u);
            writeBits(bits, 64);
            minT = ts;
        } else if (count == 1) {
            tDelta = ts - t;
            uvarintBytes(tDelta);
            xor(bits);
        } else {
            long d = ts - t;
            long dod = d - tDelta;
            if (dod == 0) {
                writeBits(0, 1);
            } else if (fits(dod, 14)) {
                writeBits(0b10, 2);
                writeBits(dod, 14);
            } else if (fits(dod, 17)) {
                writeBits(0b110, 3);
                writeBits(dod, 17);
            } else if (fits(dod, 20)) {
                writeBits(0b1110, 4);
                writeBits(dod, 20);
            } else {
                writeBits(0b1111, 4);
                writeBits(dod, 64);
            }
            tDelta = d;
            xor(bits);
        }
        t = ts;
        vBits = bits;
        count++;
        buf[0] = (byte) (count >>> 8);
        buf[1] = (byte) count;
    }

    private static boolean fits(long x, int nbits) {
        return -((1L << (nbits - 1)) - 1) <= x && x <= 1L << (nbits - 1);
    }

    private void xor(long bits) {
        long delta = bits ^ vBits;
        if (delta == 0) {
            writeBits(0, 1);
            return;
        }
        int lead = Math.min(Long.numberOfLeadingZeros(delta), 31);
        int trail = Long.numberOfTrailingZeros(delta);
        if (leading != 0xFF && lead >= leading && trail >= trailing) {
            writeBits(0b10, 2);
            writeBits(delta >>> trailing, 64 - leading - trailing);
            return;
        }
        leading = lead;
        trailing = trail;
        int sig = 64 - lead - trail;
        writeBits(0b11, 2);
        writeBits(lead, 5);
        writeBits(sig, 6);
        writeBits(delta >>> trail, sig);
    }

    private void uvarintBytes(long u) {
        while ((u & ~0x7FL) != 0) {
            writeBits((u & 0x7F) | 0x80, 8);
            u >>>= 7;
        }
        writeBits(u, 8);
    }

    /** Writes the low n bits of v (0..64), most significant first. */
    private void writeBits(long v, int n) {
        int need = (int) ((bitPos + n + 7) >>> 3);
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
        for (int i = n - 1; i >= 0; i--) {
            if (((v >>> i) & 1) != 0) {
                buf[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (bitPos & 7));
            }
            bitPos++;
        }
    }
}
