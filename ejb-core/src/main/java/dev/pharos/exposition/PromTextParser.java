package dev.pharos.exposition;

import dev.pharos.model.MetricType;
import java.nio.charset.StandardCharsets;

/**
 * Parser of the Prometheus text format 0.0.4 (and its 1.0.0 UTF-8 form with quoted names),
 * accepting what Prometheus's {@code PromParser} accepts: spaces and tabs between tokens,
 * blank lines, free comments, labels without commas between them, a trailing comma, a
 * missing final newline.
 */
public final class PromTextParser extends AbstractTextParser {

    public static final String MEDIA_TYPE = "text/plain";

    private static final String[] TYPE_NAMES = {"counter", "gauge", "histogram", "summary", "untyped"};
    private static final MetricType[] TYPES = {
        MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.SUMMARY, MetricType.UNKNOWN};

    public PromTextParser(byte[] body) {
        super(body);
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String help() {
        // The text format escapes only backslash and newline in HELP.
        return Quoting.unescape(new String(b, textStart, textEnd - textStart, StandardCharsets.UTF_8), false);
    }

    private int skipBlank(int i) {
        while (i < len && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** Finishes the current line ending at {@code i} (a '\n' or the end of input). */
    private void endLine(int i) {
        if (i < len) {
            i++;
            line++;
        }
        pos = i;
    }

    @Override
    public Entry next() throws ExpositionParseException {
        for (;;) {
            lineStart = pos;
            entryLine = line;
            int p = skipBlank(pos);
            if (p >= len) {
                pos = len;
                return entry = Entry.EOF;
            }
            byte c = b[p];
            if (c == '\n') {
                pos = p + 1;
                line++;
                continue;
            }
            if (c == '#') {
                return entry = comment(p);
            }
            if (c == '{' || isNameStart(c)) {
                series(p);
                return entry = Entry.SERIES;
            }
            throw parseError("expected a valid start token", p, p + 1);
        }
    }

    private Entry comment(int hash) throws ExpositionParseException {
        int p = skipBlank(hash + 1);
        if (p > hash + 1 && p + 4 < len) {
            boolean help = b[p] == 'H' && b[p + 1] == 'E' && b[p + 2] == 'L' && b[p + 3] == 'P';
            boolean type = b[p] == 'T' && b[p + 1] == 'Y' && b[p + 2] == 'P' && b[p + 3] == 'E';
            if ((help || type) && (b[p + 4] == ' ' || b[p + 4] == '\t')) {
                return meta(skipBlank(p + 4), help);
            }
        }
        int e = lineEnd(hash);
        textStart = hash;
        textEnd = e;
        endLine(e);
        return Entry.COMMENT;
    }

    private Entry meta(int p, boolean help) throws ExpositionParseException {
        String what = help ? "HELP" : "TYPE";
        int q;
        if (p < len && b[p] == '"') {
            q = scanQuoted(p);
            if (q < 0) {
                throw parseError("expected metric name after " + what, p, lineEnd(p));
            }
            metaNameStart = p + 1;
            metaNameEnd = q - 1;
        } else if (p < len && isNameStart(b[p])) {
            q = p + 1;
            while (q < len && isNameChar(b[q])) {
                q++;
            }
            metaNameStart = p;
            metaNameEnd = q;
        } else {
            throw parseError("expected metric name after " + what, p, p + 1);
        }
        int e = lineEnd(q);
        // Prometheus drops exactly one separator character before the text.
        textStart = q < e ? q + 1 : e;
        textEnd = e;
        if (help) {
            if (!Utf8.isValid(b, textStart, textEnd)) {
                throw error("help text " + GoFloat.quote(b, textStart, textEnd)
                        + " is not a valid utf8 string");
            }
            endLine(e);
            return Entry.HELP;
        }
        MetricType t = typeNamed(textStart, textEnd, TYPE_NAMES, TYPES);
        if (t == null) {
            throw error("invalid metric type " + GoFloat.quote(b, textStart, textEnd));
        }
        metaType = t;
        currentType = t;
        endLine(e);
        return Entry.TYPE;
    }

    private void series(int p) throws ExpositionParseException {
        nLabels = 0;
        hasExemplar = false;
        seriesStart = p;
        int q;
        if (b[p] == '{') {
            nameStart = -1;
            q = labels(p + 1);
        } else {
            q = p + 1;
            while (q < len && isNameChar(b[q])) {
                q++;
            }
            nameStart = p;
            nameEnd = q;
            seriesEnd = q;
            q = skipBlank(q);
            if (q < len && b[q] == '{') {
                q = labels(q + 1);
            }
        }
        if (nameStart < 0) {
            throw error("metric name not set while parsing: " + GoFloat.quote(b, lineStart, q));
        }
        q = skipBlank(q);
        int vs = q;
        while (q < len) {
            byte c = b[q];
            if (c == ' ' || c == '\t' || c == '\n' || c == '{') {
                break;
            }
            q++;
        }
        if (q == vs) {
            throw parseError("expected value after metric", vs, vs + 1);
        }
        try {
            value = GoFloat.parse(b, vs, q);
        } catch (GoFloat.SyntaxException e) {
            throw valueError(e, q);
        }
        if (value != value) {
            value = NORMAL_NAN;
        }
        q = skipBlank(q);
        if (q >= len || b[q] == '\n') {
            hasTs = false;
            endLine(q);
            return;
        }
        int ts0 = q;
        if (b[q] == '-') {
            q++;
        }
        while (q < len && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (q == ts0 || (q == ts0 + 1 && b[ts0] == '-')
                || (q < len && b[q] != ' ' && b[q] != '\t' && b[q] != '\n')) {
            throw parseError("expected timestamp or new record", ts0, q + 1);
        }
        try {
            ts = GoFloat.parseLong(b, ts0, q);
        } catch (GoFloat.SyntaxException e) {
            throw valueError(e, q);
        }
        hasTs = true;
        int r = skipBlank(q);
        if (r < len && b[r] != '\n') {
            throw parseError("expected next entry after timestamp", r, r + 1);
        }
        endLine(r);
    }

    /** Parses label pairs after a '{'; returns the index after the closing '}'. */
    private int labels(int q) throws ExpositionParseException {
        for (;;) {
            q = skipBlank(q);
            if (q >= len) {
                throw parseError("expected label name", q, q);
            }
            byte c = b[q];
            if (c == '}') {
                seriesEnd = q + 1;
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
            q = skipBlank(ne);
            if (quoted && q < len && (b[q] == ',' || b[q] == '}')) {
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
            q = skipBlank(q + 1);
            if (q >= len || b[q] != '"') {
                throw parseError("expected label value", q, q + 1);
            }
            int ve = scanQuoted(q);
            if (ve < 0) {
                throw parseError("expected label value", q, lineEnd(q));
            }
            if (quoted) {
                addLabel(ns + 1, ne - 1, q + 1, ve - 1);
            } else {
                addLabel(ns, ne, q + 1, ve - 1);
            }
            q = skipBlank(ve);
            if (q < len && b[q] == ',') {
                q++;
            }
        }
    }
}
