package dev.pharos.exposition;

import static dev.pharos.exposition.ParserTestSupport.bytes;
import static dev.pharos.exposition.ParserTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.ExpositionParser.Entry;
import dev.pharos.model.MetricType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromTextParserTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("minimal line", "foo 1\n", List.of("foo{} 1")),
                Arguments.of("no final newline", "foo 1", List.of("foo{} 1")),
                Arguments.of("timestamp", "foo 1 1395066363000\n", List.of("foo{} 1 @1395066363000")),
                Arguments.of("negative timestamp", "foo +Inf -3982045\n", List.of("foo{} +Inf @-3982045")),
                Arguments.of("tabs and spaces", "  foo\t{ a = \"b\" ,\tc=\"d\" }\t 2 \t 5 \n",
                        List.of("foo{a=\"b\", c=\"d\"} 2 @5")),
                Arguments.of("trailing comma", "foo{a=\"b\",} 1", List.of("foo{a=\"b\"} 1")),
                Arguments.of("labels without comma", "foo{a=\"b\" c=\"d\"} 1", List.of("foo{a=\"b\", c=\"d\"} 1")),
                Arguments.of("empty braces", "foo{} 3", List.of("foo{} 3")),
                Arguments.of("empty label value dropped", "foo{a=\"\",b=\"x\"} 3", List.of("foo{b=\"x\"} 3")),
                Arguments.of("value right after brace", "foo{a=\"b\"}7", List.of("foo{a=\"b\"} 7")),
                Arguments.of("labels sorted", "foo{z=\"1\",a=\"2\"} 1", List.of("foo{a=\"2\", z=\"1\"} 1")),
                Arguments.of("escapes in label values",
                        "m{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9",
                        List.of("m{error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\", path=\"C:\\\\DIR\\\\FILE.TXT\"} 1.458255915e+09")),
                Arguments.of("unknown escape kept", "m{a=\"x\\ty\"} 1", List.of("m{a=\"x\\\\ty\"} 1")),
                Arguments.of("utf-8 label value", "m{a=\"Grüße ☃\"} 1", List.of("m{a=\"Grüße ☃\"} 1")),
                Arguments.of("quoted metric name", "{\"my.dotted.metric\", \"error.message\"=\"Not Found\"} 1",
                        List.of("my.dotted.metric{error.message=\"Not Found\"} 1")),
                Arguments.of("quoted name alone", "{\"a.b\"} 2", List.of("a.b{} 2")),
                Arguments.of("quoted name after labels", "{x=\"y\", \"a.b\"} 2", List.of("a.b{x=\"y\"} 2")),
                Arguments.of("special values", "a NaN\nb -Inf\nc +inf\nd Infinity\n",
                        List.of("a{} NaN", "b{} -Inf", "c{} +Inf", "d{} +Inf")),
                Arguments.of("go float forms", "a .5\nb 5.\nc 1E3\nd -0.0\n",
                        List.of("a{} 0.5", "b{} 5", "c{} 1000", "d{} -0")),
                Arguments.of("comments and blank lines", "# hello\n\n   \n#no space\nfoo 1\n",
                        List.of("COMMENT # hello", "COMMENT #no space", "foo{} 1")),
                Arguments.of("help and type", "# HELP foo Some \\\\ text\\n with \\\" quote\n# TYPE foo counter\nfoo 1\n",
                        List.of("HELP foo Some \\ text\n with \\\" quote", "TYPE foo COUNTER", "foo{} 1")),
                Arguments.of("HELP without text", "# HELP foo\nfoo 1\n", List.of("HELP foo ", "foo{} 1")),
                Arguments.of("HELP keyword without blank is a comment", "# HELPfoo x\n", List.of("COMMENT # HELPfoo x")),
                Arguments.of("untyped reads as unknown", "# TYPE foo untyped\n", List.of("TYPE foo UNKNOWN")),
                Arguments.of("quoted name in TYPE", "# TYPE \"a.b\" gauge\n", List.of("TYPE a.b GAUGE")),
                Arguments.of("histogram le normalised", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\n",
                        List.of("TYPE h HISTOGRAM", "h_bucket{le=\"1.0\"} 1", "h_bucket{le=\"+Inf\"} 1")),
                Arguments.of("summary quantile normalised", "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"1\"} 2\n",
                        List.of("TYPE s SUMMARY", "s{quantile=\"0.5\"} 1", "s{quantile=\"1.0\"} 2")),
                Arguments.of("le of an untyped family kept", "h_bucket{le=\"1\"} 1\n", List.of("h_bucket{le=\"1\"} 1")),
                Arguments.of("colons in metric name", "a:b:c 1\n", List.of("a:b:c{} 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, String input, List<String> expected) throws Exception {
        assertEquals(expected, render(new PromTextParser(bytes(input))));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("missing value", "foo\n", 1, "expected value after metric"),
                Arguments.of("missing value with labels", "ok 1\nfoo{a=\"b\"}\n", 2, "expected value after metric"),
                Arguments.of("bad float", "foo abc\n", 1, "strconv.ParseFloat: parsing \"abc\": invalid syntax"),
                Arguments.of("hex float", "foo 0x1p3\n", 1, "invalid syntax"),
                Arguments.of("underscore float", "foo 1_000\n", 1, "invalid syntax"),
                Arguments.of("signed nan", "foo +NaN\n", 1, "invalid syntax"),
                Arguments.of("float out of range", "foo 1e400\n", 1, "value out of range"),
                Arguments.of("bad timestamp", "foo 1 12a\n", 1, "expected timestamp or new record"),
                Arguments.of("float timestamp", "foo 1 1.5\n", 1, "expected timestamp or new record"),
                Arguments.of("timestamp overflow", "foo 1 99999999999999999999\n", 1, "value out of range"),
                Arguments.of("junk after timestamp", "foo 1 2 3\n", 1, "expected next entry after timestamp"),
                Arguments.of("unterminated label value", "foo{a=\"b} 1\n", 1, "expected label value"),
                Arguments.of("missing equal", "foo{a \"b\"} 1\n", 1, "expected equal"),
                Arguments.of("unquoted label value", "foo{a=b} 1\n", 1, "expected label value"),
                Arguments.of("double comma", "foo{a=\"b\",,} 1\n", 1, "expected label name"),
                Arguments.of("leading comma", "foo{,a=\"b\"} 1\n", 1, "expected label name"),
                Arguments.of("unclosed braces", "foo{a=\"b\"\n", 1, "expected label name"),
                Arguments.of("invalid start", "1foo 1\n", 1, "expected a valid start token"),
                Arguments.of("no metric name", "{a=\"b\"} 1\n", 1, "metric name not set"),
                Arguments.of("two metric names", "{\"a\",\"b\"} 1\n", 1, "metric name already set"),
                Arguments.of("bad type", "# TYPE foo bar\n", 1, "invalid metric type \"bar\""),
                Arguments.of("type with trailing space", "# TYPE foo counter \n", 1, "invalid metric type \"counter \""),
                Arguments.of("openmetrics-only type", "# TYPE foo info\n", 1, "invalid metric type"),
                Arguments.of("help without name", "# HELP \n", 1, "expected metric name after HELP"),
                Arguments.of("error on line 4", "a 1\n\n# c\nb{x=\"1\" 2\n", 4, "expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String name, String input, int line, String message) {
        ExpositionParseException e = assertThrows(ExpositionParseException.class,
                () -> render(new PromTextParser(bytes(input))));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void invalidUtf8LabelValueFails() {
        byte[] in = {'f', '{', 'a', '=', '"', (byte) 0xff, '"', '}', ' ', '1', '\n'};
        ExpositionParseException e = assertThrows(ExpositionParseException.class,
                () -> render(new PromTextParser(in)));
        assertTrue(e.getMessage().contains("invalid UTF-8 label value"), e.getMessage());
    }

    @Test
    void duplicateLabelNamesFailWhenLabelsAreBuilt() throws Exception {
        PromTextParser p = new PromTextParser(bytes("foo{a=\"1\",a=\"2\"} 1\n"));
        assertEquals(Entry.SERIES, p.next());
        ExpositionParseException e = assertThrows(ExpositionParseException.class, p::labels);
        assertEquals("line 1: label name \"a\" is not unique", e.getMessage());
        PromTextParser q = new PromTextParser(bytes("foo{__name__=\"x\"} 1\n"));
        q.next();
        assertThrows(ExpositionParseException.class, q::labels);
    }

    @Test
    void seriesKeyIsTheRawTextAndStable() throws Exception {
        byte[] body = bytes("# TYPE a counter\na{x=\"1\",y=\"2\"} 1 10\n  b 2\na{x=\"1\",y=\"2\"} 3\n");
        PromTextParser p = new PromTextParser(body);
        assertEquals(Entry.TYPE, p.next());
        assertEquals(MetricType.COUNTER, p.type());
        assertEquals(Entry.SERIES, p.next());
        byte[] key = p.seriesKey();
        assertArrayEquals(bytes("a{x=\"1\",y=\"2\"}"), key);
        assertEquals(ExpositionParser.hashOf(key), p.seriesHash());
        assertEquals(2, p.lineNumber());
        assertEquals(Entry.SERIES, p.next());
        assertArrayEquals(bytes("b"), p.seriesKey());
        assertFalse(p.seriesEquals(key));
        assertEquals(3, p.lineNumber());
        assertEquals(Entry.SERIES, p.next());
        assertTrue(p.seriesEquals(key));
        assertEquals(ExpositionParser.hashOf(key), p.seriesHash());
        assertFalse(p.hasTimestamp());
        assertEquals(3.0, p.value());
        assertEquals(Entry.EOF, p.next());
        assertEquals(Entry.EOF, p.next());
    }

    @Test
    void nanIsPrometheusCanonicalNaN() throws Exception {
        PromTextParser p = new PromTextParser(bytes("a NaN\n"));
        p.next();
        assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits(p.value()));
    }
}
