package dev.pharos.tsdb.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** A growable byte buffer with the integer encodings the TSDB formats use; reused via {@link #reset()}. */
public final class Encbuf {

    private byte[] b;
    private int len;

    public Encbuf() {
        this(256);
    }

    public Encbuf(int capacity) {
        b = new byte[Math.max(capacity, 16)];
    }

    public Encbuf reset() {
        len = 0;
        return this;
    }

    public int len() {
        return len;
    }

    public byte[] array() {
        return b;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(b, len);
    }

    /** Moves the write position back (or forward within what was written). */
    public void setLen(int n) {
        len = n;
    }

    /** Makes room for at least {@code n} bytes past the current length. */
    public void ensureCapacity(int n) {
        ensure(n);
    }

    private void ensure(int n) {
        if (len + n > b.length) {
            b = Arrays.copyOf(b, Math.max(len + n, b.length * 2));
        }
    }

    public Encbuf putByte(int v) {
        ensure(1);
        b[len++] = (byte) v;
        return this;
    }

    public Encbuf putBytes(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, b, len, n);
        len += n;
        return this;
    }

    public Encbuf putBE32(int v) {
        ensure(4);
        b[len] = (byte) (v >>> 24);
        b[len + 1] = (byte) (v >>> 16);
        b[len + 2] = (byte) (v >>> 8);
        b[len + 3] = (byte) v;
        len += 4;
        return this;
    }

    public void setBE32(int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    public Encbuf putBE64(long v) {
        ensure(8);
        LONG_BE.set(b, len, v);
        len += 8;
        return this;
    }

    public Encbuf putUvarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            b[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[len++] = (byte) v;
        return this;
    }

    /** Zig-zag signed varint. */
    public Encbuf putVarint(long v) {
        return putUvarint((v << 1) ^ (v >> 63));
    }

    public Encbuf putUvarintStr(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        putUvarint(u.length);
        return putBytes(u, 0, u.length);
    }

    public int crc32c(int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    /** Appends the CRC32C of bytes [from, len) as big-endian uint32. */
    public Encbuf putCrc32c(int from) {
        return putBE32(crc32c(from, len));
    }
}
