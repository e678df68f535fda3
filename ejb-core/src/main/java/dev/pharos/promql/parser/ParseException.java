package dev.pharos.promql.parser;

/** A PromQL parse error, rendered as Prometheus does: {@code 1:5: parse error: unexpected ...}. */
public final class ParseException extends RuntimeException {
    private final int line;
    private final int column;
    private final String detail;

    public ParseException(String query, int pos, String detail) {
        super(render(query, pos, detail));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        this.line = line;
        this.column = pos - lineStart + 1;
        this.detail = detail;
    }

    private static String render(String query, int pos, String detail) {
        return position(query, pos) + ": parse error: " + detail;
    }

    /** "line:col" of a character offset, 1-based as Prometheus prints it. */
    public static String position(String query, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (pos - lineStart + 1);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without position and prefix. */
    public String detail() {
        return detail;
    }
}
