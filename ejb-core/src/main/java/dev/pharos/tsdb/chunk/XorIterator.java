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
    private byte[] arr;
    private int arrOff;
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
        arr = buf.hasArray() ? buf.array() : null;
        arrOff = arr != null ? buf.arrayOffset() : 0;
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
            w = load(bytePos);
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
            vBits = 0;
            readValue();
        } else if (read == 1) {
            tDelta = readVarint();
            t += tDelta;
            readValue();
        } else {
            long dod;
            if (!readBit()) {
                dod = 0;
            } else if (!readBit()) {
                dod = bucket(readBits(7), 7);
            } else if (!readBit()) {
                dod = bucket(readBits(14), 14);
            } else if (!readBit()) {
                dod = bucket(readBits(20), 20);
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

    /**
     * An n-bit delta-of-delta bucket holds -(2^(n-1) - 1) .. 2^(n-1), as the encoder writes it
     * (and as Prometheus reads it): the pattern 1 followed by zeros is +2^(n-1), not the
     * two's-complement minimum.
     */
    private static long bucket(long v, int n) {
        return v > (1L << (n - 1)) ? v - (1L << n) : v;
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
     * Decodes the whole chunk into the arrays (at least {@link #numSamples()} long) in one tight
     * loop with the bit reader in local variables; returns the sample count. Leaves the
     * iterator exhausted. This is the query hot path: several times cheaper per sample than
     * {@link #next()} with its per-bit field updates.
     */
    public int decodeAll(long[] tsOut, double[] vsOut) {
        if (read != 0) {
            int n = 0;
            while (next()) {
                tsOut[n] = t;
                vsOut[n] = Double.longBitsToDouble(vBits);
                n++;
            }
            return n;
        }
        final int total = this.total;
        if (total == 0) {
            return 0;
        }
        // Samples 0 and 1 through the general reader (varints), the rest inline.
        next();
        tsOut[0] = t;
        vsOut[0] = Double.longBitsToDouble(vBits);
        if (total == 1) {
            return 1;
        }
        next();
        tsOut[1] = t;
        vsOut[1] = Double.longBitsToDouble(vBits);
        final ByteBuffer bb = this.bb;
        final int base = this.base;
        final int limit = this.limit;
        long word = this.word;
        int avail = this.avail;
        long wordEnd = this.bitPos + avail; // absolute bit index just past the word's valid bits
        long ts = this.t;
        long delta = this.tDelta;
        long vb = this.vBits;
        int lead = this.leading;
        int trail = this.trailing;
        for (int i = 2; i < total; i++) {
            if (avail < 32) {
                long bp = wordEnd - avail;
                int bytePos = base + (int) (bp >>> 3);
                int sh = (int) (bp & 7);
                word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                avail = 64 - sh;
                wordEnd = bp + avail;
            }
            if ((word >>> 62) == 0) {
                // "00": same delta, same value - the usual sample of an idle series (constants,
                // counters that did not move). Take the whole run of such pairs at once: with
                // avail >= 32 that is up to 32 samples with no per-bit work.
                int run = Math.min(Math.min(Long.numberOfLeadingZeros(word), avail) >>> 1, total - i);
                int bitsUsed = run << 1;
                double v = Double.longBitsToDouble(vb);
                for (int end = i + run; i < end; i++) {
                    ts += delta;
                    tsOut[i] = ts;
                    vsOut[i] = v;
                }
                i--; // the for loop's i++
                word = (word << (bitsUsed - 1)) << 1; // bitsUsed may be 64
                avail -= bitsUsed;
                continue;
            }
            if (word >= 0) {
                word <<= 1;
                avail--;
            } else {
                int ones = Long.numberOfLeadingZeros(~word);
                long dod;
                if (ones == 1) {
                    dod = bucket((word << 2) >>> 57, 7);
                    word <<= 9;
                    avail -= 9;
                } else if (ones == 2) {
                    dod = bucket((word << 3) >>> 50, 14);
                    word <<= 17;
                    avail -= 17;
                } else if (ones == 3) {
                    dod = bucket((word << 4) >>> 44, 20);
                    word <<= 24;
                    avail -= 24;
                } else {
                    word <<= 4;
                    avail -= 4;
                    long hi;
                    long lo;
                    if (avail < 32) {
                        long bp = wordEnd - avail;
                        int bytePos = base + (int) (bp >>> 3);
                        int sh = (int) (bp & 7);
                        word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                        avail = 64 - sh;
                        wordEnd = bp + avail;
                    }
                    hi = word >>> 32;
                    word <<= 32;
                    avail -= 32;
                    if (avail < 32) {
                        long bp = wordEnd - avail;
                        int bytePos = base + (int) (bp >>> 3);
                        int sh = (int) (bp & 7);
                        word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                        avail = 64 - sh;
                        wordEnd = bp + avail;
                    }
                    lo = word >>> 32;
                    word <<= 32;
                    avail -= 32;
                    dod = (hi << 32) | lo;
                }
                delta += dod;
            }
            ts += delta;
            // Value: up to 13 header bits, then the significant bits.
            if (avail < 13) {
                long bp = wordEnd - avail;
                int bytePos = base + (int) (bp >>> 3);
                int sh = (int) (bp & 7);
                word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                avail = 64 - sh;
                wordEnd = bp + avail;
            }
            if (word >= 0) {
                word <<= 1;
                avail--;
            } else {
                if ((word << 1) < 0) {
                    lead = (int) ((word << 2) >>> 59);
                    int sig = (int) ((word << 7) >>> 58);
                    if (sig == 0) {
                        sig = 64;
                    }
                    trail = 64 - lead - sig;
                    word <<= 13;
                    avail -= 13;
                } else {
                    word <<= 2;
                    avail -= 2;
                }
                int sig = 64 - lead - trail;
                long bits;
                if (sig <= 32) {
                    if (avail < sig) {
                        long bp = wordEnd - avail;
                        int bytePos = base + (int) (bp >>> 3);
                        int sh = (int) (bp & 7);
                        word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                        avail = 64 - sh;
                        wordEnd = bp + avail;
                    }
                    bits = word >>> (64 - sig);
                    word <<= sig;
                    avail -= sig;
                } else {
                    int hiBits = sig - 32;
                    if (avail < hiBits) {
                        long bp = wordEnd - avail;
                        int bytePos = base + (int) (bp >>> 3);
                        int sh = (int) (bp & 7);
                        word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                        avail = 64 - sh;
                        wordEnd = bp + avail;
                    }
                    long hi = word >>> (64 - hiBits);
                    word <<= hiBits;
                    avail -= hiBits;
                    if (avail < 32) {
                        long bp = wordEnd - avail;
                        int bytePos = base + (int) (bp >>> 3);
                        int sh = (int) (bp & 7);
                        word = (bytePos + 8 <= limit ? load(bytePos) : loadTail(bytePos)) << sh;
                        avail = 64 - sh;
                        wordEnd = bp + avail;
                    }
                    long lo = word >>> 32;
                    word <<= 32;
                    avail -= 32;
                    bits = (hi << 32) | lo;
                }
                vb ^= bits << trail;
            }
            tsOut[i] = ts;
            vsOut[i] = Double.longBitsToDouble(vb);
        }
        this.word = word;
        this.avail = avail;
        this.bitPos = wordEnd - avail;
        this.t = ts;
        this.tDelta = delta;
        this.vBits = vb;
        this.leading = lead;
        this.trailing = trail;
        this.read = total;
        return total;
    }

    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** 8 bytes big-endian; heap chunks are read from their array directly (no buffer dispatch). */
    private long load(int bytePos) {
        byte[] a = arr;
        return a != null ? (long) LONG_BE.get(a, arrOff + bytePos) : bb.getLong(bytePos);
    }

    private long loadTail(int bytePos) {
        long w = 0;
        for (int i = 0; i < 8; i++) {
            int p = bytePos + i;
            w = (w << 8) | (p < limit ? (bb.get(p) & 0xFF) : 0);
        }
        return w;
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
