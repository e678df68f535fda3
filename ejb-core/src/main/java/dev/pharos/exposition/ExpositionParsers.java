package dev.pharos.exposition;

import java.util.List;

/** Chooses the parser for a scrape response, and builds the Accept header of a scrape. */
public final class ExpositionParsers {

    /** The protocols Prometheus 3 asks for by default, best first. */
    public static final List<ExpositionFormat> DEFAULT_SCRAPE_PROTOCOLS = List.of(
            ExpositionFormat.OPENMETRICS_TEXT_1_0_0, ExpositionFormat.OPENMETRICS_TEXT_0_0_1,
            ExpositionFormat.PROMETHEUS_TEXT_1_0_0, ExpositionFormat.PROMETHEUS_TEXT_0_0_4);

    /** The Accept header Prometheus sends on a scrape with the default protocols. */
    public static final String SCRAPE_ACCEPT_HEADER = acceptHeader(DEFAULT_SCRAPE_PROTOCOLS);

    private ExpositionParsers() {
    }

    /**
     * The Accept header for the given protocols, best first: each gets q = 0.(n+1), 0.n, ...
     * and a final {@code *}{@code /*} the lowest weight, as content_negotiation.md describes.
     */
    public static String acceptHeader(List<ExpositionFormat> protocols) {
        StringBuilder sb = new StringBuilder();
        int weight = protocols.size() + 1;
        for (ExpositionFormat f : protocols) {
            sb.append(f.acceptValue()).append(";q=").append(qValue(weight--)).append(',');
        }
        return sb.append("*/*;q=").append(qValue(weight)).toString();
    }

    private static String qValue(int w) {
        return "0." + w;
    }

    /**
     * A parser for a response body: OpenMetrics for {@code application/openmetrics-text},
     * protobuf for {@code application/vnd.google.protobuf}, the text format for everything
     * else (a blank or unknown Content-Type falls back to text, as Prometheus 2 does).
     */
    public static ExpositionParser forContentType(String contentType, byte[] body) {
        ExpositionFormat f = ExpositionFormat.fromContentType(contentType);
        return forFormat(f == null ? ExpositionFormat.PROMETHEUS_TEXT_0_0_4 : f, body);
    }

    /** The parser of a known format. */
    public static ExpositionParser forFormat(ExpositionFormat format, byte[] body) {
        return switch (format) {
            case OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1 -> new OpenMetricsParser(body);
            case PROMETHEUS_PROTO -> new ProtobufParser(body);
            default -> new PromTextParser(body);
        };
    }

    /**
     * Prometheus 3's stricter choice: a blank, unparsable or unknown Content-Type uses
     * {@code fallback} (a {@code fallback_scrape_protocol}), and fails the scrape when there is
     * none, with Prometheus's message.
     */
    public static ExpositionParser forContentType(String contentType, ExpositionFormat fallback, byte[] body)
            throws ExpositionParseException {
        ExpositionFormat f = ExpositionFormat.fromContentType(contentType);
        if (f == null) {
            if (fallback == null) {
                if (contentType == null || contentType.isBlank()) {
                    throw new ExpositionParseException(0, "non-compliant scrape target sending blank "
                            + "Content-Type and no fallback_scrape_protocol specified for target");
                }
                throw new ExpositionParseException(0, "received unsupported Content-Type "
                        + Quoting.goQuote(contentType) + " and no fallback_scrape_protocol specified for target");
            }
            f = fallback;
        }
        return forFormat(f, body);
    }
}
