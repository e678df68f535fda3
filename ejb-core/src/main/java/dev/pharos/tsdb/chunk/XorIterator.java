package dev.pharos.tsdb.chunk;

import dev.pharos.tsdb.SampleIterator;
import java.nio.ByteBuffer;

/**
 * Decodes an {@link XorChunk} stream from a heap or memory-mapped buffer. Reusable through
 * {@link #reset}, so a querier walks many chunks with one object and no per-sample allocation.
 *
 * <p>Bits are read 64 at a time with absolute {@code getLong}, which is why the reader keeps
 * the absolute bit position instead of a byte cursor.
 */
public final class XorIterator implements SampleIterator {

    private ByteBuffer bb;
    private int base;
    private int limit;
    private long bitPos;
    private long word;
    private int avail;

    private int total;
    private int read;
    private long t;
    private long tDelta;
    private long vBits;
    private int leading;
    private int trailing;

    public XorIterator() {
    }

    public XorIterator(byte[] chunk) {
        reset(ByteBuffer.wrap(chunk), 0, chunk.length);
    }

    /** Points the iterator at a chunk occupying {@code [offset, offset+length)} of {@code buf}. */
    public XorIterator reset(ByteBuffer buf, int offset, int length) {
        bb = buf;
        base = offset;
        limit = offset + length;
        total = ((buf.get(offset) & 0xFF) << 8) | (buf.get(offset + 1) & 0xFF);
        bitPos = XorChunk.HEADER * 8L;
        avail = 0;
        word = 0;
        read = 0;
        leading = 0;
        trailing = 0;
        return this;
    }

    public XorIterator reset(byte[] chunk) {
        return reset(ByteBuffer.wrap(chunk), 0, chunk.length);
    }

    /** Number of samples in the chunk. */
    public int numSamples() {
        return total;
    }

    private void refill() {
        int bytePos = base + (int) (bitPos >>> 3);
        int sh = (int) (bitPos & 7);
        long w;
        if (bytePos + 8 <= limit) {
            w = bb.getLong(bytePos);
        } else {
            w = 0;
            for (int i = 0; i < 8; i++) {
                int p = bytePos + i;
                w = (w << 8) | (p < limit ? (bb.get(p) & 0xFF) : 0);
            }
        }
        word = w << sh;
        avail = 64 - sh;
    }

    private long readBits(int n) {
        if (avail < n) {
            refill();
        }
        long r = word >>> (64 - n);
        word <<= n;
        avail -= n;
        bitPos += n;
        return r;
    }

    private boolean readBit() {
        if (avail == 0) {
            refill();
        }
        boolean b = word < 0;
        word <<= 1;
        avail--;
        bitPos++;
        return b;
    }

    private long readLong(int n) {
        if (n > 32) {
            long hi = readBits(n - 32);
            return (hi << 32) | readBits(32);
        }
        return readBits(n);
    }

    private long readVarint() {
        long u = 0;
        int shift = 0;
        while (true) {
            long b = readBits(8);
            u |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (u >>> 1) ^ -(u & 1);
    }

    @Override
    public boolean next() {
        if (read >= total) {
            return false;
        }
        if (read == 0) {
            t = readVarint();
            vBits = readLong(64);
        } else if (read == 1) {
            tDelta = readVarint();
            t += tDelta;
            readValue();
        } else {
            long dod;
            if (!readBit()) {
                dod = 0;
            } else if (!readBit()) {
                dod = signExtend(readBits(7), 7);
            } else if (!readBit()) {
                dod = signExtend(readBits(14), 14);
            } else if (!readBit()) {
                dod = signExtend(readBits(20), 20);
            } else {
                dod = readLong(64);
            }
            tDelta += dod;
            t += tDelta;
            readValue();
        }
        read++;
        return true;
    }

    private static long signExtend(long v, int n) {
        return (v << (64 - n)) >> (64 - n);
    }

    private void readValue() {
        if (!readBit()) {
            return;
        }
        if (readBit()) {
            leading = (int) readBits(5);
            int sig = (int) readBits(6);
            if (sig == 0) {
                sig = 64;
            }
            trailing = 64 - leading - sig;
        }
        int sig = 64 - leading - trailing;
        vBits ^= readLong(sig) << trailing;
    }

    /**
     * Decodes all remaining samples into the arrays (at least {@link #numSamples()} long) in one
     * tight loop; returns how many were written. Cheaper per sample than next() through callers.
     */
    public int decodeAll(long[] tsOut, double[] vsOut) {
        int n = 0;
        while (next()) {
            tsOut[n] = t;
            vsOut[n] = Double.longBitsToDouble(vBits);
            n++;
        }
        return n;
    }

    @Override
    public boolean seek(long ts) {
        if (read > 0 && t >= ts) {
            return true;
        }
        while (next()) {
            if (t >= ts) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long timestamp() {
        return t;
    }

    @Override
    public double value() {
        return Double.longBitsToDouble(vBits);
    }

    /** Raw bits of the current value (stale markers compare bit-exact). */
    public long valueBits() {
        return vBits;
    }
}
