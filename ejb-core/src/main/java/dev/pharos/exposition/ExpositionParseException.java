package dev.pharos.exposition;

/**
 * A malformed exposition: the scrape fails with this error. The message names the line
 * (1-based) and says what was wrong in Prometheus's wording, e.g.
 * {@code line 3: expected value after metric, got "\n" while parsing: "foo{a=\"b\"}"}.
 */
public final class ExpositionParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String detail;

    public ExpositionParseException(int line, String detail) {
        super(line > 0 ? "line " + line + ": " + detail : detail);
        this.line = line;
        this.detail = detail;
    }

    /** The 1-based line of the input where the problem is, or 0 when not line-bound. */
    public int line() {
        return line;
    }

    /** The message without the line prefix. */
    public String detail() {
        return detail;
    }
}
