package dev.pharos.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growing Gorilla chunk: delta-of-delta timestamps and XOR-compressed float values,
 * written bit by bit into a byte array. Layout in {@code package-info.java}.
 *
 * <p>Not thread-safe; the head guards each series' open chunk with the series lock. Readers
 * take a {@link #copyBytes() copy} (a chunk is at most a few hundred bytes).
 */
public final class XorChunk {

    /** Bytes before the bit stream: the big-endian uint16 sample count. */
    public static final int HEADER = 2;
    public static final int MAX_SAMPLES = 0xFFFF;

    private byte[] buf;
    private long bitPos = HEADER * 8L;
    private int count;

    private long t;
    private long tDelta;
    private long vBits;
    private int leading = 0xFF; // 0xFF: no previous window
    private int trailing;
    private long minT = Long.MAX_VALUE;

    public XorChunk() {
        this(32);
    }

    public XorChunk(int initialBytes) {
        buf = new byte[Math.max(initialBytes, 16)];
    }

    public int numSamples() {
        return count;
    }

    public long minTime() {
        return minT;
    }

    /** Timestamp of the last appended sample (undefined when empty). */
    public long maxTime() {
        return t;
    }

    public double lastValue() {
        return Double.longBitsToDouble(vBits);
    }

    /** Number of bytes the encoded chunk occupies, header included. */
    public int sizeBytes() {
        return (int) ((bitPos + 7) >>> 3);
    }

    /** Capacity of the backing array, for memory accounting. */
    public int capacityBytes() {
        return buf.length;
    }

    /** Appends a sample; timestamps must be strictly increasing (the caller checks). */
    public void append(long ts, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (count == 0) {
            writeVarint(ts);
            vBits = 0; // the first value is XOR-ed against 0.0: small, round values cost few bits
            writeValue(bits);
            minT = ts;
        } else if (count == 1) {
            long d = ts - t;
            writeVarint(d);
            writeValue(bits);
            tDelta = d;
        } else {
            long d = ts - t;
            long dod = d - tDelta;
            if (dod == 0) {
                writeBit(false);
            } else if (dod >= -63 && dod <= 64) {
                writeBits(0b10, 2);
                writeBits(dod & 0x7F, 7);
            } else if (dod >= -8191 && dod <= 8192) {
                writeBits(0b110, 3);
                writeBits(dod & 0x3FFF, 14);
            } else if (dod >= -524287 && dod <= 524288) {
                writeBits(0b1110, 4);
                writeBits(dod & 0xFFFFF, 20);
            } else {
                writeBits(0b1111, 4);
                writeBits(dod >>> 32, 32);
                writeBits(dod & 0xFFFFFFFFL, 32);
            }
            writeValue(bits);
            tDelta = d;
        }
        t = ts;
        vBits = bits;
        count++;
        buf[0] = (byte) (count >>> 8);
        buf[1] = (byte) count;
    }

    private void writeValue(long bits) {
        long xor = bits ^ vBits;
        if (xor == 0) {
            writeBit(false);
            return;
        }
        int lead = Long.numberOfLeadingZeros(xor);
        int trail = Long.numberOfTrailingZeros(xor);
        if (lead > 31) {
            lead = 31; // 5 bits
        }
        if (leading != 0xFF && lead >= leading && trail >= trailing) {
            int prevSig = 64 - leading - trailing;
            // Gorilla reuses the previous window whenever the value fits in it; we also open a new,
            // narrower window when that is cheaper (11 header bits vs. the unused width), which
            // keeps one outlier from widening every later value of a counter.
            if (prevSig <= 11 + (64 - lead - trail)) {
                writeBits(0b10, 2);
                writeLong(xor >>> trailing, prevSig);
                return;
            }
        }
        leading = lead;
        trailing = trail;
        int sig = 64 - lead - trail;
        writeBits(0b11, 2);
        writeBits(lead, 5);
        writeBits(sig & 63, 6); // 64 is written as 0
        writeLong(xor >>> trail, sig);
    }

    private void writeLong(long v, int n) {
        if (n > 32) {
            writeBits(v >>> 32, n - 32);
            writeBits(v & 0xFFFFFFFFL, 32);
        } else {
            writeBits(v, n);
        }
    }

    private void writeVarint(long v) {
        long u = (v << 1) ^ (v >> 63);
        while ((u & ~0x7FL) != 0) {
            writeBits((u & 0x7F) | 0x80, 8);
            u >>>= 7;
        }
        writeBits(u, 8);
    }

    private void writeBit(boolean one) {
        ensure(1);
        if (one) {
            buf[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (bitPos & 7));
        }
        bitPos++; // the buffer is zeroed, so a 0 bit needs no write
    }

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    /** Writes the low {@code n} bits of v (1..32), most significant first, with one 8-byte OR. */
    private void writeBits(long v, int n) {
        ensure(n);
        int idx = (int) (bitPos >>> 3);
        int sh = (int) (bitPos & 7);
        long cur = (long) LONG_BE.get(buf, idx);
        LONG_BE.set(buf, idx, cur | ((v & ((1L << n) - 1)) << (64 - sh - n)));
        bitPos += n;
    }

    /** Keeps 8 bytes of slack after the last bit so that writeBits can write a whole long. */
    private void ensure(int bits) {
        int need = (int) ((bitPos + bits + 7) >>> 3) + 8;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length + (buf.length >> 1) + 8));
        }
    }

    /** A copy of the encoded bytes, exactly {@link #sizeBytes()} long. */
    public byte[] copyBytes() {
        return Arrays.copyOf(buf, sizeBytes());
    }

    /** Encodes a whole run of samples into a fresh chunk's bytes. */
    public static byte[] encode(long[] ts, double[] vs, int from, int to) {
        XorChunk c = new XorChunk((to - from) * 2 + 24);
        for (int i = from; i < to; i++) {
            c.append(ts[i], vs[i]);
        }
        return c.copyBytes();
    }

    /** Empties the chunk, keeping its buffer for the next one. */
    public void reset() {
        Arrays.fill(buf, 0, sizeBytes(), (byte) 0);
        bitPos = HEADER * 8L;
        count = 0;
        t = 0;
        tDelta = 0;
        vBits = 0;
        leading = 0xFF;
        trailing = 0;
        minT = Long.MAX_VALUE;
    }

    /** The backing array (valid up to {@link #sizeBytes()}); callers must not keep it. */
    public byte[] rawBytes() {
        return buf;
    }

}
