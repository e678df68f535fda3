package dev.pharos.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable protobuf wire-format writer. Nested messages are written in place: {@link #begin}
 * remembers where the body starts, {@link #end} moves it right by the size of its varint length
 * prefix, so no intermediate buffers are needed and lengths stay canonical.
 */
public final class ProtoWriter {

    private byte[] buf;
    private int pos;
    private int[] stack = new int[8];
    private int depth;

    public ProtoWriter(int initial) {
        buf = new byte[Math.max(16, initial)];
    }

    public int size() {
        return pos;
    }

    public byte[] buffer() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    public void reset() {
        pos = 0;
        depth = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
        }
    }

    public void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    public void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    public void fixed64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    public void int64Field(int field, long v) {
        if (v != 0) {
            tag(field, ProtoReader.VARINT);
            varint(v);
        }
    }

    public void doubleField(int field, double v) {
        tag(field, ProtoReader.FIXED64);
        fixed64(Double.doubleToRawLongBits(v));
    }

    public void stringField(int field, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytesField(field, b, 0, b.length);
    }

    public void bytesField(int field, byte[] b, int off, int len) {
        tag(field, ProtoReader.LEN);
        varint(len);
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Appends bytes that are already wire format (e.g. fields encoded once and reused). */
    public void raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Starts a nested message field; close it with {@link #end()}. */
    public void begin(int field) {
        tag(field, ProtoReader.LEN);
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = pos;
    }

    public void end() {
        int start = stack[--depth];
        int len = pos - start;
        int lenBytes = varintSize(len);
        ensure(lenBytes);
        System.arraycopy(buf, start, buf, start + lenBytes, len);
        int p = start;
        long v = len;
        while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
        pos += lenBytes;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
