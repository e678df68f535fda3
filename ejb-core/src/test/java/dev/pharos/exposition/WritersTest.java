package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.exposition.MetricData.Bucket;
import dev.pharos.exposition.MetricData.Quantile;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritersTest {

    static final List<MetricFamilyData> FAMILIES = List.of(
            new MetricFamilyData("http_requests_total", "The total number of HTTP requests.", MetricType.COUNTER, List.of(
                    MetricData.simple(Labels.of("method", "post", "code", "200"), 1027).withTimestamp(1395066363000L),
                    MetricData.simple(Labels.of("method", "post", "code", "400"), 3).withTimestamp(1395066363000L))),
            new MetricFamilyData("msdos_file_access_time_seconds", null, MetricType.GAUGE, List.of(
                    MetricData.simple(Labels.of("path", "C:\\DIR\\FILE.TXT", "error", "Cannot find file:\n\"FILE.TXT\""),
                            1.458255915e9))),
            new MetricFamilyData("my.dotted.metric", "UTF-8 name, help with \\ and\nnewline", MetricType.UNKNOWN, List.of(
                    MetricData.simple(Labels.of("error.message", "Not Found", "ok", "Grüße ☃"), Double.NEGATIVE_INFINITY))),
            new MetricFamilyData("http_request_duration_seconds", "A histogram.", MetricType.HISTOGRAM, List.of(
                    MetricData.histogram(Labels.EMPTY, 144320, 53423, List.of(new Bucket(0.05, 24054),
                            new Bucket(0.1, 33444), new Bucket(1, 133988), new Bucket(Double.POSITIVE_INFINITY, 144320))))),
            new MetricFamilyData("rpc_duration_seconds", "A summary.", MetricType.SUMMARY, List.of(
                    MetricData.summary(Labels.of("service", "a"), 2693, 1.7560473e+07,
                            List.of(new Quantile(0.01, 3102), new Quantile(0.5, 4773), new Quantile(0.99, 76656))))));

    static String text(List<MetricFamilyData> fams) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        TextFormatWriter w = new TextFormatWriter(bos);
        for (MetricFamilyData f : fams) {
            w.writeFamily(f);
        }
        w.flush();
        return bos.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textFormatAsExpfmtWritesIt() throws Exception {
        String expected = """
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{code="200",method="post"} 1027 1395066363000
                http_requests_total{code="400",method="post"} 3 1395066363000
                # TYPE msdos_file_access_time_seconds gauge
                msdos_file_access_time_seconds{error="Cannot find file:\\n\\"FILE.TXT\\"",path="C:\\\\DIR\\\\FILE.TXT"} 1.458255915e+09
                # HELP "my.dotted.metric" UTF-8 name, help with \\\\ and\\nnewline
                # TYPE "my.dotted.metric" untyped
                {"my.dotted.metric","error.message"="Not Found",ok="Grüße ☃"} -Inf
                # HELP http_request_duration_seconds A histogram.
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="0.1"} 33444
                http_request_duration_seconds_bucket{le="1"} 133988
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320
                # HELP rpc_duration_seconds A summary.
                # TYPE rpc_duration_seconds summary
                rpc_duration_seconds{service="a",quantile="0.01"} 3102
                rpc_duration_seconds{service="a",quantile="0.5"} 4773
                rpc_duration_seconds{service="a",quantile="0.99"} 76656
                rpc_duration_seconds_sum{service="a"} 1.7560473e+07
                rpc_duration_seconds_count{service="a"} 2693
                """;
        assertEquals(expected, text(FAMILIES));
    }

    @Test
    void textRoundTripsThroughTheFamilyParser() throws Exception {
        List<MetricFamilyData> back = FamilyParser.parseText(text(FAMILIES).getBytes(StandardCharsets.UTF_8));
        assertEquals(FAMILIES, back);
    }

    @Test
    void histogramWithoutInfBucketGetsOne() throws Exception {
        MetricFamilyData h = new MetricFamilyData("h", null, MetricType.HISTOGRAM, List.of(
                MetricData.histogram(Labels.EMPTY, 5, 2.5, List.of(new Bucket(1, 3)))));
        assertEquals("# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 5\nh_sum 2.5\nh_count 5\n",
                text(List.of(h)));
    }

    @Test
    void openMetricsAsExpfmtWritesIt() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        OpenMetricsWriter w = new OpenMetricsWriter(bos);
        w.writeFamily(new MetricFamilyData("foo_seconds_total", "Some text and \n some \" escaping", MetricType.COUNTER,
                "seconds", List.of(MetricData.simple(Labels.of("a", "b"), 1).withTimestamp(1520879607789L))));
        w.writeFamily(FAMILIES.get(3));
        w.writeType("g", MetricType.GAUGE);
        w.writeSample("g", Labels.EMPTY, 0.5, true, -500, Labels.of("trace_id", "x"), 1, true, 12000);
        w.writeSample("g", Labels.of("k", "v"), 1e6, false, 0, Labels.EMPTY, 2, false, 0);
        w.writeEof();
        w.flush();
        String expected = """
                # TYPE foo_seconds counter
                # UNIT foo_seconds seconds
                # HELP foo_seconds Some text and \\n some \\" escaping
                foo_seconds_total{a="b"} 1.0 1520879607.789
                # TYPE http_request_duration_seconds histogram
                # HELP http_request_duration_seconds A histogram.
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="0.1"} 33444
                http_request_duration_seconds_bucket{le="1.0"} 133988
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423.0
                http_request_duration_seconds_count 144320
                # TYPE g gauge
                g 0.5 -0.5 # {trace_id="x"} 1.0 12
                g{k="v"} 1e+06 # {} 2.0
                # EOF
                """;
        String out = bos.toString(StandardCharsets.UTF_8);
        assertEquals(expected, out);
        // And what it wrote is valid OpenMetrics.
        List<String> parsed = ParserTestSupport.render(new OpenMetricsParser(bos.toByteArray()));
        assertEquals("foo_seconds_total{a=\"b\"} 1 @1520879607789", parsed.get(3));
        assertEquals("g{} 0.5 @-500 # {trace_id=\"x\"} 1 @12000", parsed.get(parsed.size() - 2));
    }
}
