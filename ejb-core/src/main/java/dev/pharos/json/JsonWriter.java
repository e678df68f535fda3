package dev.pharos.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A streaming JSON writer into a fixed-size byte buffer, flushed to the stream when full,
 * so that the memory for writing a response is bounded by the buffer and not by the
 * size of the result. Commas between elements are placed automatically.
 *
 * <p>Not thread-safe; one writer per response.
 */
public final class JsonWriter implements AutoCloseable {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    /** One bit per nesting level: whether the next element at that level needs a comma. */
    private long needComma;
    private int depth;
    private boolean afterName;

    public JsonWriter(OutputStream out) {
        this(out, 16 * 1024);
    }

    public JsonWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[bufferSize];
    }

    public JsonWriter beginObject() throws IOException {
        beforeValue();
        raw('{');
        push();
        return this;
    }

    public JsonWriter endObject() throws IOException {
        pop();
        raw('}');
        return this;
    }

    public JsonWriter beginArray() throws IOException {
        beforeValue();
        raw('[');
        push();
        return this;
    }

    public JsonWriter endArray() throws IOException {
        pop();
        raw(']');
        return this;
    }

    /** Writes an object member name; the next call writes its value. */
    public JsonWriter name(String name) throws IOException {
        beforeValue();
        quoted(name);
        raw(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) throws IOException {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        quoted(s);
        return this;
    }

    public JsonWriter value(boolean b) throws IOException {
        beforeValue();
        ascii(b ? "true" : "false");
        return this;
    }

    public JsonWriter value(long n) throws IOException {
        beforeValue();
        ascii(Long.toString(n));
        return this;
    }

    /** A JSON number; non-finite values cannot be JSON numbers and are written as null. */
    public JsonWriter value(double d) throws IOException {
        beforeValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            ascii("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            ascii(Long.toString((long) d));
        } else {
            ascii(Double.toString(d));
        }
        return this;
    }

    public JsonWriter nullValue() throws IOException {
        beforeValue();
        ascii("null");
        return this;
    }

    /** Writes pre-formatted JSON (a number or literal the caller formatted) as a value. */
    public JsonWriter rawValue(String json) throws IOException {
        beforeValue();
        ascii(json);
        return this;
    }

    public JsonWriter member(String name, String value) throws IOException {
        return name(name).value(value);
    }

    public JsonWriter member(String name, long value) throws IOException {
        return name(name).value(value);
    }

    public JsonWriter member(String name, boolean value) throws IOException {
        return name(name).value(value);
    }

    /** Writes a string map as an object, in the map's iteration order. */
    public JsonWriter stringMap(Map<String, String> map) throws IOException {
        beginObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            name(e.getKey()).value(e.getValue());
        }
        return endObject();
    }

    /**
     * Writes a tree of Maps, Iterables, Strings, Numbers, Booleans and nulls, as produced by
     * engines that return plain data for the API to serialise.
     */
    public JsonWriter tree(Object o) throws IOException {
        if (o == null) {
            return nullValue();
        } else if (o instanceof String s) {
            return value(s);
        } else if (o instanceof Boolean b) {
            return value(b);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return value(((Number) o).longValue());
        } else if (o instanceof Number n) {
            return value(n.doubleValue());
        } else if (o instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name(String.valueOf(e.getKey()));
                tree(e.getValue());
            }
            return endObject();
        } else if (o instanceof Iterable<?> it) {
            beginArray();
            for (Object x : it) {
                tree(x);
            }
            return endArray();
        } else if (o instanceof Object[] arr) {
            beginArray();
            for (Object x : arr) {
                tree(x);
            }
            return endArray();
        }
        return value(o.toString());
    }

    public void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void push() {
        if (depth >= 63) {
            throw new IllegalStateException("JSON nested too deeply");
        }
        depth++;
        needComma &= ~(1L << depth);
    }

    private void pop() {
        depth--;
        afterName = false;
        needComma |= 1L << depth;
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if ((needComma & (1L << depth)) != 0) {
            raw(',');
        }
        needComma |= 1L << depth;
    }

    private void raw(char c) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) c;
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            raw(s.charAt(i));
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void quoted(String s) throws IOException {
        raw('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                raw('\\');
                raw(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> { raw('\\'); raw('n'); }
                    case '\r' -> { raw('\\'); raw('r'); }
                    case '\t' -> { raw('\\'); raw('t'); }
                    default -> unicodeEscape(c);
                }
            } else if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                // Escaped as Go's encoding/json does, so bodies are byte-identical to Prometheus's.
                unicodeEscape(c);
            } else if (c < 0x80) {
                raw(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, s.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                utf8(0xFFFD);
            } else {
                utf8(c);
            }
        }
        raw('"');
    }

    private void unicodeEscape(char c) throws IOException {
        raw('\\');
        raw('u');
        raw((char) HEX[(c >> 12) & 0xF]);
        raw((char) HEX[(c >> 8) & 0xF]);
        raw((char) HEX[(c >> 4) & 0xF]);
        raw((char) HEX[c & 0xF]);
    }

    private void utf8(int cp) throws IOException {
        if (pos + 4 > buf.length) {
            drain();
        }
        if (cp < 0x800) {
            buf[pos++] = (byte) (0xC0 | (cp >> 6));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf[pos++] = (byte) (0xE0 | (cp >> 12));
            buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            buf[pos++] = (byte) (0xF0 | (cp >> 18));
            buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        }
    }
}
