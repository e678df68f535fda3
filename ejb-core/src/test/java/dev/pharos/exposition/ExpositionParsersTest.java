package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionParsersTest {

    @Test
    void acceptHeaderIsPrometheus3Default() {
        assertEquals("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
                + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1", ExpositionParsers.SCRAPE_ACCEPT_HEADER);
    }

    @Test
    void protobufFirstAcceptHeader() {
        List<ExpositionFormat> protos = List.of(ExpositionFormat.PROMETHEUS_PROTO,
                ExpositionFormat.OPENMETRICS_TEXT_1_0_0, ExpositionFormat.OPENMETRICS_TEXT_0_0_1,
                ExpositionFormat.PROMETHEUS_TEXT_1_0_0, ExpositionFormat.PROMETHEUS_TEXT_0_0_4);
        assertEquals("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
                + "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
                + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1", ExpositionParsers.acceptHeader(protos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "application/openmetrics-text; version=1.0.0; charset=utf-8|OpenMetricsParser",
        "application/openmetrics-text;version=0.0.1|OpenMetricsParser",
        "text/plain; version=0.0.4; charset=utf-8|PromTextParser",
        "text/plain;version=1.0.0;escaping=allow-utf-8|PromTextParser",
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited|ProtobufParser",
        "text/html|PromTextParser",
        "''|PromTextParser",
        "null|PromTextParser"})
    void choosesByContentType(String contentType, String parser) {
        assertEquals(parser, ExpositionParsers.forContentType(contentType, new byte[0]).getClass().getSimpleName());
    }

    @Test
    void strictChoiceNeedsAFallbackForUnknownTypes() throws Exception {
        ExpositionParseException blank = assertThrows(ExpositionParseException.class,
                () -> ExpositionParsers.forContentType("", null, new byte[0]));
        assertEquals("non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol "
                + "specified for target", blank.getMessage());
        ExpositionParseException unknown = assertThrows(ExpositionParseException.class,
                () -> ExpositionParsers.forContentType("text/html", null, new byte[0]));
        assertEquals("received unsupported Content-Type \"text/html\" and no fallback_scrape_protocol specified "
                + "for target", unknown.getMessage());
        assertInstanceOf(OpenMetricsParser.class,
                ExpositionParsers.forContentType("text/html", ExpositionFormat.OPENMETRICS_TEXT_1_0_0, new byte[0]));
    }

    @Test
    void protobufScrapeReadsAsSeries() throws Exception {
        byte[] body = ProtobufFormat.encodeDelimited(List.of(new MetricFamilyData("h", "help", MetricType.HISTOGRAM,
                List.of(MetricData.histogram(Labels.of("a", "b"), 2, 1.5,
                        List.of(new MetricData.Bucket(1, 1), new MetricData.Bucket(Double.POSITIVE_INFINITY, 2)))))));
        ExpositionParser p = ExpositionParsers.forContentType(ProtobufFormat.CONTENT_TYPE, body);
        assertEquals(List.of("HELP h help", "TYPE h HISTOGRAM", "h_bucket{a=\"b\", le=\"1.0\"} 1",
                "h_bucket{a=\"b\", le=\"+Inf\"} 2", "h_sum{a=\"b\"} 1.5", "h_count{a=\"b\"} 2"), ParserTestSupport.render(p));
        ExpositionParser bad = ExpositionParsers.forContentType(ProtobufFormat.CONTENT_TYPE,
                "junk".getBytes(StandardCharsets.UTF_8));
        assertThrows(ExpositionParseException.class, bad::next);
    }
}
