package dev.pharos.exposition;

import static dev.pharos.exposition.ParserTestSupport.bytes;
import static dev.pharos.exposition.ParserTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.ExpositionParser.Entry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenMetricsParserTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("minimal", "foo 1\n# EOF\n", List.of("foo{} 1")),
                Arguments.of("EOF without newline", "foo 1\n# EOF", List.of("foo{} 1")),
                Arguments.of("empty exposition", "# EOF\n", List.of()),
                Arguments.of("float timestamp in seconds", "foo 1 1520879607.789\n# EOF\n",
                        List.of("foo{} 1 @1520879607789")),
                Arguments.of("exponent timestamp", "foo 1 1.7268398142239082e+09\n# EOF\n",
                        List.of("foo{} 1 @1726839814223")),
                Arguments.of("metadata", "# TYPE foo_seconds counter\n# UNIT foo_seconds seconds\n"
                                + "# HELP foo_seconds Some text and \\n some \\\" escaping\nfoo_seconds_total 1.0\n# EOF\n",
                        List.of("TYPE foo_seconds COUNTER", "UNIT foo_seconds seconds",
                                "HELP foo_seconds Some text and \n some \" escaping", "foo_seconds_total{} 1")),
                Arguments.of("empty unit", "# UNIT foo \n# EOF\n", List.of("UNIT foo ")),
                Arguments.of("openmetrics types", "# TYPE a info\n# TYPE b stateset\n# TYPE c gaugehistogram\n# TYPE d unknown\n# EOF\n",
                        List.of("TYPE a INFO", "TYPE b STATESET", "TYPE c GAUGEHISTOGRAM", "TYPE d UNKNOWN")),
                Arguments.of("labels and trailing comma", "foo{a=\"1\",b=\"2\",} 3\n# EOF\n",
                        List.of("foo{a=\"1\", b=\"2\"} 3")),
                Arguments.of("exemplar", "# TYPE h histogram\nh_bucket{le=\"0.5\"} 3 # {trace_id=\"abc\"} 0.25 1520879607.789\n# EOF\n",
                        List.of("TYPE h HISTOGRAM", "h_bucket{le=\"0.5\"} 3 # {trace_id=\"abc\"} 0.25 @1520879607789")),
                Arguments.of("exemplar after timestamp", "c_total 3 10 # {} 1\n# EOF\n",
                        List.of("c_total{} 3 @10000 # {} 1")),
                Arguments.of("created series kept", "# TYPE c counter\nc_total 1\nc_created 1.5e9\n# EOF\n",
                        List.of("TYPE c COUNTER", "c_total{} 1", "c_created{} 1.5e+09")),
                Arguments.of("quoted names", "# TYPE \"a.b\" gauge\n{\"a.b\",\"c.d\"=\"e\"} 1\n# EOF\n",
                        List.of("TYPE a.b GAUGE", "a.b{c.d=\"e\"} 1")),
                Arguments.of("gaugehistogram le normalised", "# TYPE g gaugehistogram\ng_bucket{le=\"1\"} 1\n# EOF\n",
                        List.of("TYPE g GAUGEHISTOGRAM", "g_bucket{le=\"1.0\"} 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, String input, List<String> expected) throws Exception {
        assertEquals(expected, render(new OpenMetricsParser(bytes(input))));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("missing EOF", "foo 1\n", 2, "data does not end with # EOF"),
                Arguments.of("missing EOF, no newline", "foo 1", 1, "data does not end with # EOF"),
                Arguments.of("data after EOF", "# EOF\nfoo 1\n", 2, "unexpected data after # EOF"),
                Arguments.of("blank line", "foo 1\n\n# EOF\n", 2, "expected a valid start token"),
                Arguments.of("free comment", "# hello\n# EOF\n", 1, "expected a valid start token"),
                Arguments.of("two spaces before value", "foo  1\n# EOF\n", 1, "expected value after metric"),
                Arguments.of("space in labels", "foo{a=\"1\", b=\"2\"} 1\n# EOF\n", 1, "expected label name"),
                Arguments.of("labels without comma", "foo{a=\"1\"b=\"2\"} 1\n# EOF\n", 1, "expected comma or brace close"),
                Arguments.of("bad value", "foo x\n# EOF\n", 1, "invalid syntax"),
                Arguments.of("nan timestamp", "foo 1 NaN\n# EOF\n", 1, "invalid timestamp"),
                Arguments.of("bad timestamp", "foo 1 1x\n# EOF\n", 1, "invalid syntax"),
                Arguments.of("unit not a suffix", "# UNIT foo seconds\n# EOF\n", 1,
                        "unit \"seconds\" not a suffix of metric \"foo\""),
                Arguments.of("bad type", "# TYPE foo untyped\n# EOF\n", 1, "invalid metric type \"untyped\""),
                Arguments.of("help without text", "# HELP foo\n# EOF\n", 1, "expected text in HELP"),
                Arguments.of("exemplar without value", "foo 1 # {a=\"b\"}\n# EOF\n", 1,
                        "expected value after exemplar labels"),
                Arguments.of("exemplar with metric name", "foo 1 # {\"x\"} 1\n# EOF\n", 1, "expected label name"),
                Arguments.of("junk after exemplar", "foo 1 # {a=\"b\"} 1 2 3\n# EOF\n", 1,
                        "expected next entry after exemplar"),
                Arguments.of("junk after timestamp", "foo 1 2 3\n# EOF\n", 1, "expected next entry after timestamp"),
                Arguments.of("error on a later line", "a 1\nb 2\nc{ 3\n# EOF\n", 3, "expected label name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String name, String input, int line, String message) {
        ExpositionParseException e = assertThrows(ExpositionParseException.class,
                () -> render(new OpenMetricsParser(bytes(input))));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void seriesKeyExcludesValueTimestampAndExemplar() throws Exception {
        OpenMetricsParser p = new OpenMetricsParser(bytes("a_total{x=\"1\"} 3 5 # {t=\"q\"} 1\n# EOF\n"));
        assertEquals(Entry.SERIES, p.next());
        assertArrayEquals(bytes("a_total{x=\"1\"}"), p.seriesKey());
        assertEquals(Entry.EOF, p.next());
        assertEquals(Entry.EOF, p.next());
    }
}
