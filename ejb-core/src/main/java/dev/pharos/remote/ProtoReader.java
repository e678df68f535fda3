package dev.pharos.remote;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over protobuf wire-format bytes (varints, fixed64, length-delimited fields),
 * written for the few prompb messages Pharos reads; no reflection, no generated code.
 * Malformed input fails with {@link MalformedProtobufException}.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    final byte[] buf;
    int pos;
    int limit;

    ProtoReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    /** Re-points this reader at another range of the same buffer (saves an object per field). */
    ProtoReader range(int off, int len) {
        this.pos = off;
        this.limit = off + len;
        return this;
    }

    boolean more() {
        return pos < limit;
    }

    /** Reads a field key; returns it as (fieldNumber << 3 | wireType). */
    int tag() throws MalformedProtobufException {
        long k = varint();
        if (k <= 0 || k > Integer.MAX_VALUE || (k >>> 3) == 0) {
            throw new MalformedProtobufException("invalid field key " + k + " at offset " + pos);
        }
        return (int) k;
    }

    long varint() throws MalformedProtobufException {
        long r = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new MalformedProtobufException("truncated varint at offset " + pos);
            }
            byte b = buf[pos++];
            r |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return r;
            }
        }
        throw new MalformedProtobufException("varint longer than 10 bytes at offset " + pos);
    }

    long fixed64() throws MalformedProtobufException {
        if (limit - pos < 8) {
            throw new MalformedProtobufException("truncated fixed64 at offset " + pos);
        }
        long r = 0;
        for (int i = 7; i >= 0; i--) {
            r = (r << 8) | (buf[pos + i] & 0xFFL);
        }
        pos += 8;
        return r;
    }

    double double64() throws MalformedProtobufException {
        return Double.longBitsToDouble(fixed64());
    }

    /** Reads a length prefix and checks it fits; returns the length (the data starts at pos). */
    int length() throws MalformedProtobufException {
        long n = varint();
        if (n < 0 || n > limit - pos) {
            throw new MalformedProtobufException("length " + n + " exceeds the message at offset " + pos);
        }
        return (int) n;
    }

    String string() throws MalformedProtobufException {
        int n = length();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips a field of the given wire type. */
    void skip(int tag) throws MalformedProtobufException {
        switch (tag & 7) {
            case VARINT -> varint();
            case FIXED64 -> {
                if (limit - pos < 8) {
                    throw new MalformedProtobufException("truncated fixed64 at offset " + pos);
                }
                pos += 8;
            }
            case LEN -> {
                int n = length(); // not "pos += length()": that would add to the old pos
                pos += n;
            }
            case FIXED32 -> {
                if (limit - pos < 4) {
                    throw new MalformedProtobufException("truncated fixed32 at offset " + pos);
                }
                pos += 4;
            }
            default -> throw new MalformedProtobufException("unsupported wire type " + (tag & 7) + " at offset " + pos);
        }
    }

    void expect(int tag, int wireType) throws MalformedProtobufException {
        if ((tag & 7) != wireType) {
            throw new MalformedProtobufException("field " + (tag >>> 3) + " has wire type " + (tag & 7)
                    + ", expected " + wireType);
        }
    }
}
