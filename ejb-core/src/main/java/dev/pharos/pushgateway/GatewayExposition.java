package dev.pharos.pushgateway;

import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.exposition.NameEscaping;
import dev.pharos.exposition.OpenMetricsWriter;
import dev.pharos.exposition.ProtobufFormat;
import dev.pharos.exposition.TextFormatWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Writes the gathered families of {@code GET /metrics} in the format the scraper asked for:
 * delimited protobuf or OpenMetrics when its Accept header names them (a Prometheus
 * scrape's header prefers OpenMetrics), the text format 0.0.4 otherwise.
 */
public enum GatewayExposition {
    TEXT(TextFormatWriter.CONTENT_TYPE),
    OPENMETRICS(OpenMetricsWriter.CONTENT_TYPE),
    PROTOBUF(ProtobufFormat.CONTENT_TYPE);

    private final String contentType;

    GatewayExposition(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format for an Accept header: the first of protobuf/OpenMetrics/text it names. */
    public static GatewayExposition forAccept(String accept) {
        if (accept == null) {
            return TEXT;
        }
        GatewayExposition best = TEXT;
        double bestQ = -1;
        for (String part : accept.split(",")) {
            String[] p = part.split(";");
            String mt = p[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            boolean delimited = false;
            for (int i = 1; i < p.length; i++) {
                String kv = p[i].trim().toLowerCase(Locale.ROOT);
                if (kv.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(kv.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                } else if (kv.equals("encoding=delimited")) {
                    delimited = true;
                }
            }
            GatewayExposition f = switch (mt) {
                case "application/vnd.google.protobuf" -> delimited ? PROTOBUF : null;
                case "application/openmetrics-text" -> OPENMETRICS;
                case "text/plain" -> TEXT;
                default -> null;
            };
            if (f != null && q > bestQ) {
                best = f;
                bestQ = q;
            }
        }
        return best;
    }

    public void write(List<MetricFamilyData> families, String accept, OutputStream out) throws IOException {
        switch (this) {
            case PROTOBUF -> ProtobufFormat.writeDelimited(families, out);
            case OPENMETRICS -> {
                OpenMetricsWriter w = new OpenMetricsWriter(out, NameEscaping.fromAcceptHeader(accept));
                for (MetricFamilyData f : families) {
                    w.writeFamily(f);
                }
                w.writeEof();
                w.flush();
            }
            default -> {
                TextFormatWriter w = new TextFormatWriter(out);
                for (MetricFamilyData f : families) {
                    w.writeFamily(f);
                }
                w.flush();
            }
        }
    }
}
