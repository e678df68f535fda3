package dev.pharos.exposition;

import static dev.pharos.exposition.ParserTestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.MetricData.Bucket;
import dev.pharos.exposition.MetricData.Quantile;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FamilyParserTest {

    @Test
    void groupsSummariesAndHistogramsByTheirOtherLabels() throws Exception {
        String in = """
                # TYPE s summary
                s{a="1",quantile="0.9"} 2
                s{a="2",quantile="0.5"} 3
                s{a="1",quantile="0.5"} 1
                s_sum{a="1"} 10
                s_count{a="1"} 4
                # HELP h Help.
                # TYPE h histogram
                h_bucket{le="+Inf"} 7 100
                h_bucket{le="0.5"} 2 100
                h_sum 3.5 100
                h_count 7 100
                loose{x="y"} 1
                # HELP only_meta no samples
                """;
        List<MetricFamilyData> fams = FamilyParser.parseText(bytes(in));
        assertEquals(List.of(
                new MetricFamilyData("s", null, MetricType.SUMMARY, List.of(
                        MetricData.summary(Labels.of("a", "1"), 4, 10, List.of(new Quantile(0.5, 1), new Quantile(0.9, 2))),
                        MetricData.summary(Labels.of("a", "2"), 0, 0, List.of(new Quantile(0.5, 3))))),
                new MetricFamilyData("h", "Help.", MetricType.HISTOGRAM, List.of(
                        MetricData.histogram(Labels.EMPTY, 7, 3.5, List.of(new Bucket(0.5, 2),
                                new Bucket(Double.POSITIVE_INFINITY, 7))).withTimestamp(100))),
                new MetricFamilyData("loose", null, MetricType.UNKNOWN, List.of(
                        MetricData.simple(Labels.of("x", "y"), 1)))), fams);
    }

    @Test
    void openMetricsCountersJoinTheirFamily() throws Exception {
        String in = "# TYPE c counter\n# UNIT c_seconds seconds\nc_total{a=\"b\"} 3\nc_created{a=\"b\"} 1.5e9\n# EOF\n";
        List<MetricFamilyData> fams = FamilyParser.parse(new OpenMetricsParser(bytes(in)));
        assertEquals(List.of(new MetricFamilyData("c", null, MetricType.COUNTER, null,
                List.of(MetricData.simple(Labels.of("a", "b"), 3)))), fams);
    }

    @Test
    void openMetricsRoundTripsThroughTheWriter() throws Exception {
        List<MetricFamilyData> fams = List.of(
                new MetricFamilyData("c_seconds", "a counter", MetricType.COUNTER, "seconds", List.of(
                        MetricData.simple(Labels.of("a", "b"), 3).withTimestamp(1500))),
                new MetricFamilyData("build", null, MetricType.INFO, List.of(
                        MetricData.simple(Labels.of("version", "1.2"), 1))),
                new MetricFamilyData("gh", null, MetricType.GAUGEHISTOGRAM, List.of(
                        MetricData.histogram(Labels.EMPTY, 4, 2, List.of(new Bucket(1, 1),
                                new Bucket(Double.POSITIVE_INFINITY, 4))))),
                new MetricFamilyData("u", null, MetricType.UNKNOWN, List.of(MetricData.simple(Labels.EMPTY, -2.5))));
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        OpenMetricsWriter w = new OpenMetricsWriter(bos);
        for (MetricFamilyData f : fams) {
            w.writeFamily(f);
        }
        w.writeEof();
        w.flush();
        List<MetricFamilyData> back = FamilyParser.parse(new OpenMetricsParser(bos.toByteArray()));
        assertEquals(fams, back);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("# HELP a x\n# HELP a y\na 1\n", 2, "second HELP line for metric name \"a\""),
                Arguments.of("# TYPE a gauge\n# TYPE a counter\n", 2, "second TYPE line for metric name \"a\""),
                Arguments.of("a 1\n# TYPE a gauge\n", 2, "or TYPE reported after samples"),
                Arguments.of("# TYPE h histogram\nh_bucket 1\n", 2, "missing 'le' label"),
                Arguments.of("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, "expected float as value for 'le' label"),
                Arguments.of("# TYPE s summary\ns 1\n", 2, "missing quantile label"),
                Arguments.of("a{b=\"1\"} 1\na{b=\"1\"} 2\n", 2, "was collected before with the same name and label values"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejects(String in, int line, String message) {
        ExpositionParseException e = assertThrows(ExpositionParseException.class, () -> FamilyParser.parseText(bytes(in)));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
