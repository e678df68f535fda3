package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * State and accessors shared by the text 0.0.4 and OpenMetrics parsers. A sample is kept as
 * offsets into the body; strings are only made when an accessor asks for them.
 */
abstract class AbstractTextParser implements ExpositionParser {

    /** Prometheus's canonical NaN ({@code value.NormalNaN}). */
    static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    final byte[] b;
    final int len;
    int pos;
    /** Line number of the line starting at {@link #pos}. */
    int line = 1;
    /** Line number and start offset of the current entry. */
    int entryLine;
    int lineStart;
    Entry entry;

    // Series state.
    int seriesStart;
    int seriesEnd;
    int nameStart;
    int nameEnd;
    /** [nameStart, nameEnd, valueStart, valueEnd] per label. */
    int[] lbl = new int[64];
    int nLabels;
    double value;
    boolean hasTs;
    long ts;
    /** TYPE of the most recent TYPE line, for le/quantile normalisation. */
    MetricType currentType = MetricType.UNKNOWN;

    // Exemplar state.
    boolean hasExemplar;
    int[] elbl = new int[16];
    int neLabels;
    double exemplarValue;
    boolean exemplarHasTs;
    long exemplarTs;

    // Metadata state.
    int metaNameStart;
    int metaNameEnd;
    int textStart;
    int textEnd;
    MetricType metaType;

    AbstractTextParser(byte[] body) {
        this.b = body;
        this.len = body.length;
    }

    @Override
    public int lineNumber() {
        return entryLine;
    }

    @Override
    public byte[] buffer() {
        return b;
    }

    @Override
    public int seriesStart() {
        return seriesStart;
    }

    @Override
    public int seriesEnd() {
        return seriesEnd;
    }

    @Override
    public byte[] seriesKey() {
        return Arrays.copyOfRange(b, seriesStart, seriesEnd);
    }

    @Override
    public boolean seriesEquals(byte[] key) {
        return Arrays.equals(b, seriesStart, seriesEnd, key, 0, key.length);
    }

    @Override
    public int seriesHash() {
        return hash(b, seriesStart, seriesEnd);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Hash of a byte range, eight bytes per step: a scrape hashes every series key, so a
     * byte-at-a-time multiply chain would cost as much as parsing the line.
     */
    static int hash(byte[] a, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(a, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int k = 0; i < to; i++, k += 8) {
            tail |= (a[i] & 0xffL) << k;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String metricName() {
        return str(nameStart, nameEnd);
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public boolean hasTimestamp() {
        return hasTs;
    }

    @Override
    public long timestampMillis() {
        return ts;
    }

    @Override
    public boolean hasExemplar() {
        return hasExemplar;
    }

    @Override
    public double exemplarValue() {
        return exemplarValue;
    }

    @Override
    public boolean exemplarHasTimestamp() {
        return exemplarHasTs;
    }

    @Override
    public long exemplarTimestampMillis() {
        return exemplarTs;
    }

    @Override
    public String metricFamily() {
        return str(metaNameStart, metaNameEnd);
    }

    @Override
    public MetricType type() {
        return metaType;
    }

    @Override
    public String unit() {
        return new String(b, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    @Override
    public String comment() {
        return new String(b, textStart, textEnd - textStart, StandardCharsets.UTF_8);
    }

    /** A name or label string of the body, unescaped. */
    final String str(int from, int to) {
        return Quoting.unescape(new String(b, from, to - from, StandardCharsets.UTF_8), true);
    }

    @Override
    public Labels labels() throws ExpositionParseException {
        int n = nLabels + 1;
        String[] names = new String[n];
        String[] values = new String[n];
        names[0] = Labels.METRIC_NAME;
        values[0] = metricName();
        for (int i = 0; i < nLabels; i++) {
            int o = 4 * i;
            String name = str(lbl[o], lbl[o + 1]);
            String v = str(lbl[o + 2], lbl[o + 3]);
            names[i + 1] = name;
            values[i + 1] = normalizeFloatLabel(name, v);
        }
        return sortedLabels(names, values, n, true);
    }

    @Override
    public Labels exemplarLabels() {
        if (!hasExemplar) {
            return Labels.EMPTY;
        }
        String[] names = new String[neLabels];
        String[] values = new String[neLabels];
        for (int i = 0; i < neLabels; i++) {
            int o = 4 * i;
            names[i] = str(elbl[o], elbl[o + 1]);
            values[i] = str(elbl[o + 2], elbl[o + 3]);
        }
        try {
            return sortedLabels(names, values, neLabels, false);
        } catch (ExpositionParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sorts by name (label sets are small: insertion sort), rejects a repeated name as
     * Prometheus's scrape does, and drops empty values as its label builder does.
     */
    final Labels sortedLabels(String[] names, String[] values, int n, boolean rejectDuplicates)
            throws ExpositionParseException {
        for (int i = 1; i < n; i++) {
            String kn = names[i];
            String kv = values[i];
            int j = i - 1;
            while (j >= 0 && names[j].compareTo(kn) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = kn;
            values[j + 1] = kv;
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && names[i].equals(names[i - 1]) && rejectDuplicates) {
                throw new ExpositionParseException(entryLine,
                        "label name " + Quoting.goQuote(names[i]) + " is not unique");
            }
            if (!values[i].isEmpty()) {
                kept++;
            }
        }
        if (kept == 0) {
            return Labels.EMPTY;
        }
        String[] pairs = new String[2 * kept];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (values[i].isEmpty()) {
                continue;
            }
            if (k > 0 && pairs[k - 2].equals(names[i])) {
                // A duplicate tolerated for exemplars: the later one wins.
                pairs[k - 1] = values[i];
                continue;
            }
            pairs[k++] = names[i];
            pairs[k++] = values[i];
        }
        return Labels.fromSortedPairs(k == pairs.length ? pairs : Arrays.copyOf(pairs, k));
    }

    /**
     * Prometheus 3 rewrites {@code le} of histograms and {@code quantile} of summaries to the
     * canonical float form ({@code "1"} becomes {@code "1.0"}) so that text and OpenMetrics
     * scrapes of one target produce the same series.
     */
    final String normalizeFloatLabel(String name, String v) {
        boolean le = (currentType == MetricType.HISTOGRAM || currentType == MetricType.GAUGEHISTOGRAM)
                && name.equals("le");
        boolean q = currentType == MetricType.SUMMARY && name.equals("quantile");
        if (!le && !q) {
            return v;
        }
        try {
            return GoFloat.formatOpenMetrics(GoFloat.parse(v));
        } catch (GoFloat.SyntaxException e) {
            return v;
        }
    }

    // --- lexing helpers -----------------------------------------------------------------

    /** True if {@code b[from, to)} is exactly the ASCII {@code word}; no string is made. */
    final boolean bytesEqual(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The type named by {@code b[from, to)} among {@code names}, or null. */
    final MetricType typeNamed(int from, int to, String[] names, MetricType[] types) {
        for (int k = 0; k < names.length; k++) {
            if (bytesEqual(from, to, names[k])) {
                return types[k];
            }
        }
        return null;
    }

    private static final byte NAME_START = 1;
    private static final byte NAME_CHAR = 2;
    private static final byte LABEL_START = 4;
    private static final byte LABEL_CHAR = 8;
    /** Bytes that end or interrupt a quoted string: '"', '\\', '\n' and non-ASCII. */
    private static final byte QUOTE_STOP = 16;
    /** Character classes by byte value: one load instead of a chain of comparisons per byte. */
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            int f = 0;
            if (letter || c == ':') {
                f |= NAME_START | NAME_CHAR;
            }
            if (digit) {
                f |= NAME_CHAR | LABEL_CHAR;
            }
            if (letter) {
                f |= LABEL_START | LABEL_CHAR;
            }
            if (c == '"' || c == '\\' || c == '\n' || c >= 0x80) {
                f |= QUOTE_STOP;
            }
            CLASS[c] = (byte) f;
        }
    }

    static boolean isNameStart(byte c) {
        return (CLASS[c & 0xff] & NAME_START) != 0;
    }

    static boolean isNameChar(byte c) {
        return (CLASS[c & 0xff] & NAME_CHAR) != 0;
    }

    static boolean isLabelStart(byte c) {
        return (CLASS[c & 0xff] & LABEL_START) != 0;
    }

    static boolean isLabelChar(byte c) {
        return (CLASS[c & 0xff] & LABEL_CHAR) != 0;
    }

    /** End of the line containing {@code from} (index of its '\n', or the length). */
    final int lineEnd(int from) {
        int i = from;
        while (i < len && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * Scans a quoted string whose opening quote is at {@code q}; returns the index just after
     * the closing quote, or -1 if the line ends first. Checks UTF-8 when non-ASCII is seen.
     */
    final int scanQuoted(int q) throws ExpositionParseException {
        int i = q + 1;
        boolean nonAscii = false;
        while (i < len) {
            byte c = b[i];
            // One table test per byte; the rare bytes are sorted out below.
            if ((CLASS[c & 0xff] & QUOTE_STOP) == 0) {
                i++;
                continue;
            }
            if (c == '"') {
                if (nonAscii && !Utf8.isValid(b, q + 1, i)) {
                    throw new ExpositionParseException(entryLine, "invalid UTF-8 label value: "
                            + GoFloat.quote(b, q, i + 1));
                }
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 < len && b[i + 1] != '\n') {
                    i += 2;
                    continue;
                }
                return -1;
            }
            if (c == '\n') {
                return -1;
            }
            nonAscii = true;
            i++;
        }
        return -1;
    }

    final void addLabel(int ns, int ne, int vs, int ve) {
        int o = 4 * nLabels;
        if (o + 4 > lbl.length) {
            lbl = Arrays.copyOf(lbl, lbl.length * 2);
        }
        lbl[o] = ns;
        lbl[o + 1] = ne;
        lbl[o + 2] = vs;
        lbl[o + 3] = ve;
        nLabels++;
    }

    final void addExemplarLabel(int ns, int ne, int vs, int ve) {
        int o = 4 * neLabels;
        if (o + 4 > elbl.length) {
            elbl = Arrays.copyOf(elbl, elbl.length * 2);
        }
        elbl[o] = ns;
        elbl[o + 1] = ne;
        elbl[o + 2] = vs;
        elbl[o + 3] = ve;
        neLabels++;
    }

    /**
     * A parse error in Prometheus's shape: what was expected, the offending token and the
     * line up to it.
     */
    final ExpositionParseException parseError(String expected, int tokStart, int tokEnd) {
        int e = Math.min(len, Math.max(tokEnd, tokStart + 1));
        String got = tokStart >= len ? "EOF" : GoFloat.quote(b, tokStart, e);
        return new ExpositionParseException(entryLine, expected + ", got " + got
                + " while parsing: " + GoFloat.quote(b, lineStart, e));
    }

    final ExpositionParseException error(String msg) {
        return new ExpositionParseException(entryLine, msg);
    }

    final ExpositionParseException valueError(GoFloat.SyntaxException e, int upTo) {
        return new ExpositionParseException(entryLine, e.getMessage() + " while parsing: "
                + GoFloat.quote(b, lineStart, Math.min(len, upTo)));
    }
}
