package dev.pharos.tsdb.encoding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the encodings of {@link Encbuf} from a buffer with a sticky error: decoders read many
 * fields and check {@link #err()} once, instead of a bounds check per field.
 */
public final class Decbuf {

    private final ByteBuffer bb;
    private int pos;
    private final int limit;
    private String err;

    public Decbuf(ByteBuffer bb, int pos, int limit) {
        this.bb = bb;
        this.pos = pos;
        this.limit = limit;
    }

    public Decbuf(byte[] b, int pos, int limit) {
        this(ByteBuffer.wrap(b), pos, limit);
    }

    public String err() {
        return err;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        pos = p;
    }

    public int remaining() {
        return limit - pos;
    }

    private boolean fail(String what) {
        if (err == null) {
            err = what + " at offset " + pos;
        }
        pos = limit;
        return false;
    }

    public int getByte() {
        if (pos >= limit) {
            fail("unexpected end reading byte");
            return 0;
        }
        return bb.get(pos++) & 0xFF;
    }

    public int getBE32() {
        if (limit - pos < 4) {
            fail("unexpected end reading uint32");
            return 0;
        }
        int v = bb.getInt(pos);
        pos += 4;
        return v;
    }

    public long getBE64() {
        if (limit - pos < 8) {
            fail("unexpected end reading uint64");
            return 0;
        }
        long v = bb.getLong(pos);
        pos += 8;
        return v;
    }

    public long getUvarint() {
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos >= limit) {
                fail("unexpected end reading varint");
                return 0;
            }
            int x = bb.get(pos++);
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
            if (shift > 63) {
                fail("varint overflow");
                return 0;
            }
        }
    }

    public long getVarint() {
        long u = getUvarint();
        return (u >>> 1) ^ -(u & 1);
    }

    public int getUvarint32() {
        long v = getUvarint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            fail("varint out of int range");
            return 0;
        }
        return (int) v;
    }

    public String getUvarintStr() {
        int n = getUvarint32();
        if (n > limit - pos) {
            fail("string longer than buffer");
            return "";
        }
        byte[] tmp = new byte[n];
        bb.get(pos, tmp);
        pos += n;
        return new String(tmp, StandardCharsets.UTF_8);
    }

    public void skip(int n) {
        if (n > limit - pos) {
            fail("skip past end");
            return;
        }
        pos += n;
    }
}
