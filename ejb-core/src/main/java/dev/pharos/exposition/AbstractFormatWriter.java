package dev.pharos.exposition;

import dev.pharos.model.Labels;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The byte-level half of the text writers: a reusable buffer in front of the stream, UTF-8
 * encoding with the format's escaping, names quoted when they are not legacy names.
 */
abstract class AbstractFormatWriter implements Flushable {

    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int n;
    /** Scratch for number formatting, reused. */
    final StringBuilder num = new StringBuilder(32);

    /** How names outside the legacy character set are written. */
    final NameEscaping escaping;

    AbstractFormatWriter(OutputStream out, NameEscaping escaping) {
        this.out = out;
        this.escaping = escaping;
    }

    final void raw(char c) throws IOException {
        if (n == buf.length) {
            drain();
        }
        buf[n++] = (byte) c;
    }

    /** Writes ASCII text as is. */
    final void ascii(CharSequence s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            raw(s.charAt(i));
        }
    }

    final void number(long v) throws IOException {
        num.setLength(0);
        num.append(v);
        ascii(num);
    }

    /**
     * Writes {@code s} as UTF-8, escaping backslash and newline, and double quotes when
     * {@code escapeQuote}.
     */
    final void escaped(String s, boolean escapeQuote) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                raw('\\');
                raw('\\');
            } else if (c == '\n') {
                raw('\\');
                raw('n');
            } else if (c == '"' && escapeQuote) {
                raw('\\');
                raw('"');
            } else if (c < 0x80) {
                raw(c);
            } else if (c < 0x800) {
                raw((char) (0xc0 | (c >> 6)));
                raw((char) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                raw((char) (0xf0 | (cp >> 18)));
                raw((char) (0x80 | ((cp >> 12) & 0x3f)));
                raw((char) (0x80 | ((cp >> 6) & 0x3f)));
                raw((char) (0x80 | (cp & 0x3f)));
            } else {
                if (Character.isSurrogate(c)) {
                    c = '\ufffd';
                }
                raw((char) (0xe0 | (c >> 12)));
                raw((char) (0x80 | ((c >> 6) & 0x3f)));
                raw((char) (0x80 | (c & 0x3f)));
            }
        }
    }

    /** A metric name in a HELP/TYPE/UNIT line: bare if legacy, else quoted. */
    final void metaName(String name) throws IOException {
        name = escaping.escape(name);
        if (Quoting.isLegacyMetricName(name)) {
            ascii(name);
        } else {
            raw('"');
            escaped(name, true);
            raw('"');
        }
    }

    /**
     * {@code name{a="b",...}} with {@code extraName=extraValue} last (le, quantile), or
     * {@code {"name",a="b"}} for a name needing quotes; a null name writes only the braces
     * (exemplars), always present. {@code __name__} in labels is skipped.
     */
    final void series(String name, Labels labels, String extraName, String extraValue) throws IOException {
        boolean open = false;
        boolean comma = false;
        if (name != null) {
            name = escaping.escape(name);
        }
        if (name == null) {
            raw('{');
            open = true;
        } else if (!Quoting.isLegacyMetricName(name)) {
            raw('{');
            raw('"');
            escaped(name, true);
            raw('"');
            open = true;
            comma = true;
        } else {
            ascii(name);
        }
        for (int i = 0; i < labels.size(); i++) {
            String ln = labels.name(i);
            if (ln.equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!open) {
                raw('{');
                open = true;
            } else if (comma) {
                raw(',');
            }
            comma = true;
            label(ln, labels.value(i));
        }
        if (extraName != null) {
            if (!open) {
                raw('{');
                open = true;
            } else if (comma) {
                raw(',');
            }
            label(extraName, extraValue);
        }
        if (open) {
            raw('}');
        }
    }

    private void label(String name, String value) throws IOException {
        name = escaping.escape(name);
        if (Quoting.isLegacyLabelName(name)) {
            ascii(name);
        } else {
            raw('"');
            escaped(name, true);
            raw('"');
        }
        raw('=');
        raw('"');
        escaped(value, true);
        raw('"');
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    /** Writes out what is buffered and flushes the stream. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }
}
