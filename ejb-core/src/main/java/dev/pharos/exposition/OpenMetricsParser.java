package dev.pharos.exposition;

import dev.pharos.model.MetricType;
import java.nio.charset.StandardCharsets;

/**
 * Parser of OpenMetrics 1.0 text, validating what Prometheus's {@code OpenMetricsParser}
 * validates: single spaces between tokens, no blank lines or free comments, commas between
 * labels, the unit being a suffix of the family name, float timestamps in seconds, the
 * {@code # EOF} terminator with nothing after it. Exemplars are parsed and exposed;
 * {@code _created} samples stay ordinary series.
 */
public final class OpenMetricsParser extends AbstractTextParser {

    public static final String MEDIA_TYPE = "application/openmetrics-text";

    private static final String[] TYPE_NAMES = {
        "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"};
    private static final MetricType[] TYPES = {
        MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.GAUGEHISTOGRAM,
        MetricType.SUMMARY, MetricType.INFO, MetricType.STATESET, MetricType.UNKNOWN};

    private boolean done;

    public OpenMetricsParser(byte[] body) {
        super(body);
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String help() {
        // OpenMetrics escapes HELP like label values.
        return Quoting.unescape(new String(b, textStart, textEnd - textStart, StandardCharsets.UTF_8), true);
    }

    private void endLine(int i) {
        // i is at a '\n' here.
        pos = i + 1;
        line++;
    }

    @Override
    public Entry next() throws ExpositionParseException {
        if (done) {
            return entry = Entry.EOF;
        }
        int p = pos;
        lineStart = p;
        entryLine = line;
        if (p >= len) {
            throw error("data does not end with # EOF");
        }
        byte c = b[p];
        if (c == '#') {
            return entry = hashLine(p);
        }
        if (c == '{' || isNameStart(c)) {
            series(p);
            return entry = Entry.SERIES;
        }
        throw parseError("expected a valid start token", p, p + 1);
    }

    private boolean at(int p, String word) {
        if (p + word.length() > len) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[p + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private Entry hashLine(int p) throws ExpositionParseException {
        if (at(p, "# EOF") && (p + 5 == len || b[p + 5] == '\n')) {
            int after = p + 5 < len ? p + 6 : p + 5;
            if (after != len) {
                entryLine = line + 1;
                throw error("unexpected data after # EOF");
            }
            done = true;
            pos = len;
            return Entry.EOF;
        }
        Entry kind;
        if (at(p, "# HELP ")) {
            kind = Entry.HELP;
        } else if (at(p, "# TYPE ")) {
            kind = Entry.TYPE;
        } else if (at(p, "# UNIT ")) {
            kind = Entry.UNIT;
        } else {
            throw parseError("expected a valid start token", p, lineEnd(p));
        }
        int q = p + 7;
        int e;
        if (q < len && b[q] == '"') {
            e = scanQuoted(q);
            if (e < 0) {
                throw parseError("expected metric name after " + kind, q, lineEnd(q));
            }
            metaNameStart = q + 1;
            metaNameEnd = e - 1;
        } else if (q < len && isNameStart(b[q])) {
            e = q + 1;
            while (e < len && isNameChar(b[e])) {
                e++;
            }
            metaNameStart = q;
            metaNameEnd = e;
        } else {
            throw parseError("expected metric name after " + kind, q, q + 1);
        }
        int le = lineEnd(e);
        if (e >= len || b[e] != ' ' || le >= len) {
            throw error("expected text in " + kind);
        }
        textStart = e + 1;
        textEnd = le;
        switch (kind) {
            case HELP -> {
                if (!Utf8.isValid(b, textStart, textEnd)) {
                    throw error("help text " + GoFloat.quote(b, textStart, textEnd)
                            + " is not a valid utf8 string");
                }
            }
            case TYPE -> {
                MetricType t = typeNamed(textStart, textEnd, TYPE_NAMES, TYPES);
                if (t == null) {
                    throw error("invalid metric type " + GoFloat.quote(b, textStart, textEnd));
                }
                metaType = t;
                currentType = t;
            }
            default -> {
                int ul = textEnd - textStart;
                if (ul > 0) {
                    int nl = metaNameEnd - metaNameStart;
                    boolean suffix = nl >= ul + 1 && b[metaNameEnd - ul - 1] == '_'
                            && java.util.Arrays.equals(b, metaNameEnd - ul, metaNameEnd, b, textStart, textEnd);
                    if (!suffix) {
                        throw error("unit " + GoFloat.quote(b, textStart, textEnd)
                                + " not a suffix of metric " + GoFloat.quote(b, metaNameStart, metaNameEnd));
                    }
                }
            }
        }
        endLine(le);
        return kind;
    }

    private void series(int p) throws ExpositionParseException {
        nLabels = 0;
        hasExemplar = false;
        seriesStart = p;
        int q;
        if (b[p] == '{') {
            nameStart = -1;
            q = labels(p + 1, false);
        } else {
            q = p + 1;
            while (q < len && isNameChar(b[q])) {
                q++;
            }
            nameStart = p;
            nameEnd = q;
            seriesEnd = q;
            if (q < len && b[q] == '{') {
                q = labels(q + 1, false);
            }
        }
        if (nameStart < 0) {
            throw error("metric name not set while parsing: " + GoFloat.quote(b, lineStart, q));
        }
        int vs = q + 1;
        int ve = token(vs);
        if (q >= len || b[q] != ' ' || ve == vs) {
            throw parseError("expected value after metric", q, q + 1);
        }
        value = floatValue(vs, ve);
        q = ve;
        hasTs = false;
        if (q >= len) {
            throw error("data does not end with # EOF");
        }
        if (b[q] == '\n') {
            endLine(q);
            return;
        }
        // b[q] == ' ': a timestamp or an exemplar.
        if (!isExemplarStart(q)) {
            int ts0 = q + 1;
            int ts1 = token(ts0);
            if (ts1 == ts0) {
                throw parseError("expected timestamp or new record", q, q + 1);
            }
            ts = timestamp(ts0, ts1, "invalid timestamp ");
            hasTs = true;
            q = ts1;
            if (q >= len) {
                throw error("data does not end with # EOF");
            }
            if (b[q] == '\n') {
                endLine(q);
                return;
            }
            if (!isExemplarStart(q)) {
                throw parseError("expected next entry after timestamp", q, q + 1);
            }
        }
        exemplar(q + 4);
    }

    private boolean isExemplarStart(int q) {
        return q + 3 < len && b[q] == ' ' && b[q + 1] == '#' && b[q + 2] == ' ' && b[q + 3] == '{';
    }

    /** End of a token of non-space, non-newline bytes starting at {@code i}. */
    private int token(int i) {
        while (i < len) {
            byte c = b[i];
            if (c == ' ' || c == '\n') {
                break;
            }
            i++;
        }
        return i;
    }

    private double floatValue(int from, int to) throws ExpositionParseException {
        double v;
        try {
            v = GoFloat.parse(b, from, to);
        } catch (GoFloat.SyntaxException e) {
            throw valueError(e, to);
        }
        return v != v ? NORMAL_NAN : v;
    }

    private long timestamp(int from, int to, String what) throws ExpositionParseException {
        double t;
        try {
            t = GoFloat.parse(b, from, to);
        } catch (GoFloat.SyntaxException e) {
            throw valueError(e, to);
        }
        if (Double.isNaN(t) || Double.isInfinite(t)) {
            throw error(what + GoFloat.format(t));
        }
        return (long) (t * 1000);
    }

    private void exemplar(int q) throws ExpositionParseException {
        neLabels = 0;
        q = labels(q, true);
        int vs = q + 1;
        int ve = token(vs);
        if (q >= len || b[q] != ' ' || ve == vs) {
            throw parseError("expected value after exemplar labels", q, q + 1);
        }
        exemplarValue = floatValue(vs, ve);
        q = ve;
        exemplarHasTs = false;
        if (q < len && b[q] == ' ') {
            int ts1 = token(q + 1);
            if (ts1 == q + 1) {
                throw parseError("expected timestamp or comment", q, q + 1);
            }
            exemplarTs = timestamp(q + 1, ts1, "invalid exemplar timestamp ");
            exemplarHasTs = true;
            q = ts1;
        }
        if (q >= len) {
            throw error("data does not end with # EOF");
        }
        if (b[q] != '\n') {
            throw parseError("expected next entry after exemplar", q, q + 1);
        }
        hasExemplar = true;
        endLine(q);
    }

    /** Parses label pairs after a '{' (no spaces allowed); returns the index after '}'. */
    private int labels(int q, boolean exemplar) throws ExpositionParseException {
        for (;;) {
            if (q >= len) {
                throw parseError("expected label name", q, q);
            }
            byte c = b[q];
            if (c == '}') {
                if (!exemplar) {
                    seriesEnd = q + 1;
                }
                return q + 1;
            }
            int ns = q;
            int ne;
            boolean quoted = c == '"';
            if (quoted) {
                ne = scanQuoted(q);
                if (ne < 0) {
                    throw parseError("expected label name", q, lineEnd(q));
                }
            } else if (isLabelStart(c)) {
                ne = q + 1;
                while (ne < len && isLabelChar(b[ne])) {
                    ne++;
                }
            } else {
                throw parseError("expected label name", q, q + 1);
            }
            q = ne;
            if (quoted && q < len && (b[q] == ',' || b[q] == '}')) {
                if (exemplar) {
                    throw parseError("expected label name", q, q + 1);
                }
                if (nameStart >= 0) {
                    throw error("metric name already set while parsing: "
                            + GoFloat.quote(b, lineStart, q + 1));
                }
                nameStart = ns + 1;
                nameEnd = ne - 1;
                if (b[q] == ',') {
                    q++;
                }
                continue;
            }
            if (q >= len || b[q] != '=') {
                throw parseError("expected equal", q, q + 1);
            }
            q++;
            if (q >= len || b[q] != '"') {
                throw parseError("expected label value", q, q + 1);
            }
            int ve = scanQuoted(q);
            if (ve < 0) {
                throw parseError("expected label value", q, lineEnd(q));
            }
            int a = quoted ? ns + 1 : ns;
            int z = quoted ? ne - 1 : ne;
            if (exemplar) {
                addExemplarLabel(a, z, q + 1, ve - 1);
            } else {
                addLabel(a, z, q + 1, ve - 1);
            }
            q = ve;
            if (q < len && b[q] == ',') {
                q++;
            } else if (q >= len || b[q] != '}') {
                throw parseError("expected comma or brace close", q, q + 1);
            }
        }
    }
}
