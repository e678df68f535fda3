package dev.pharos.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.promql.ast.AstJson;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.NumberLiteral;
import dev.pharos.promql.ast.Pretty;
import dev.pharos.promql.ast.StringLiteral;
import dev.pharos.promql.ast.ValueType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

    /** Input and Prometheus's String() rendering of the parsed tree. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        foo                                       | foo
        foo{c!="d", a="b",}                       | foo{a="b",c!="d"}
        {"my.metric"}                             | {"my.metric"}
        {"my.metric", "my.label"=~"x.*"}          | {"my.metric","my.label"=~"x.*"}
        {__name__="foo"}                          | {__name__="foo"}
        foo[5m]                                   | foo[5m]
        foo[90s]                                  | foo[1m30s]
        foo[300]                                  | foo[5m]
        foo offset 5m                             | foo offset 5m
        foo offset -1h30m                         | foo offset -1h30m
        foo @ 100                                 | foo @ 100.000
        foo @ start()                             | foo @ start()
        foo[5m] @ end() offset 1m                 | foo[5m] @ end() offset 1m
        rate(foo[5m])[30m:1m]                     | rate(foo[5m])[30m:1m]
        rate(foo[5m])[30m:]                       | rate(foo[5m])[30m:]
        1 + 2 * 3                                 | 1 + 2 * 3
        (1 + 2) * 3                               | (1 + 2) * 3
        2 ^ 3 ^ 2                                 | 2 ^ 3 ^ 2
        -foo ^ 2                                  | -foo ^ 2
        foo == bool 1                             | foo == bool 1
        a + on(x, y) group_left(z) b              | a + on(x, y) group_left(z) b
        a / ignoring(x) b                         | a / ignoring(x) b
        a and b or c unless d                     | a and b or c unless d
        sum by (job) (rate(x[5m]))                | sum by (job) (rate(x[5m]))
        sum(rate(x[5m])) by (job)                 | sum by (job) (rate(x[5m]))
        sum without (a, b) (x)                    | sum without (a, b) (x)
        topk(5, x)                                | topk(5, x)
        count_values("v", x)                      | count_values("v", x)
        quantile(0.9, x)                          | quantile(0.9, x)
        limit_ratio(0.5, x)                       | limit_ratio(0.5, x)
        SUM(x)                                    | sum(x)
        label_replace(x, "a", "$1", "b", "(.*)")  | label_replace(x, "a", "$1", "b", "(.*)")
        "a\\nb"                                   | "a\\nb"
        `raw\\n`                                  | "raw\\\\n"
        0x1F                                      | 31
        1e3                                       | 1000
        1h30m                                     | 5400
        Inf                                       | +Inf
        -inf                                      | -Inf
        NaN                                       | NaN
        foo # a comment                           | foo
        """)
    void rendersLikePrometheus(String input, String expected) {
        assertEquals(expected, Parser.parse(input).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        1 + 2 * 3     | 7
        2 ^ 3 ^ 2     | 512
        -2 ^ 2        | -4
        0x10          | 16
        010           | 8
        .5            | 0.5
        5.            | 5
        1e-3          | 0.001
        1m            | 60
        1s500ms       | 1.5
        """)
    void numberLiteralsAndPrecedence(String input, double value) {
        Expr e = Parser.parse(input);
        double v = e instanceof NumberLiteral n ? n.value : evalConst(e);
        assertEquals(value, v, 1e-12);
    }

    private static double evalConst(Expr e) {
        return new dev.pharos.promql.QueryEngine(new dev.pharos.tsdb.MemoryStorage())
                .instantQuery(e.toString(), 0).value() instanceof dev.pharos.promql.Scalar s ? s.value() : Double.NaN;
    }

    @Test
    void stringEscapes() {
        assertEquals("a\tb\"c\u00e9\u00e9", ((StringLiteral) Parser.parse("\"a\\tb\\\"c\\u00e9\\xc3\\xa9\"")).value);
        assertEquals("it's", ((StringLiteral) Parser.parse("'it\\'s'")).value);
    }

    /** Parse-time type checks and syntax errors, with Prometheus's position and wording. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        rate(foo)           | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
        foo[5m] + 1         | 1:1: parse error: binary expression must contain only scalar and instant vector types
        1 == 1              | 1:1: parse error: comparisons between scalars must use BOOL modifier
        foo and 1           | 1:1: parse error: set operator "and" not allowed in binary scalar expression
        {}                  | 1:1: parse error: vector selector must contain at least one non-empty matcher
        {a=""}              | 1:1: parse error: vector selector must contain at least one non-empty matcher
        nope(foo)           | 1:1: parse error: unknown function with name "nope"
        abs(foo, bar)       | 1:1: parse error: expected 1 argument(s) in call to "abs", got 2
        sum(foo[5m])        | 1:5: parse error: expected type instant vector in aggregation expression, got range vector
        1 +                 | 1:4: parse error: unexpected end of input
        foo offset 5m offset 1m | 1:15: parse error: offset may not be set multiple times
        (foo)[5m]           | 1:1: parse error: ranges only allowed for vector selectors
        1 + on(x) foo       | 1:1: parse error: vector matching only allowed between instant vectors
        foo + bool bar      | 1:1: parse error: bool modifier can only be used on comparison operators
        "unterminated       | 1:1: parse error: unterminated quoted string
        rate(foo[5m]        | 1:13: parse error: unclosed left parenthesis
        foo)                | 1:4: parse error: unexpected right parenthesis ')'
        foo{a="b"           | 1:10: parse error: unexpected end of input inside braces
        """)
    void errors(String input, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(input));
        assertEquals(message, e.getMessage());
    }

    @Test
    void multiLinePositions() {
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse("sum(\n  rate(foo)\n)"));
        assertEquals("2:8: parse error: expected type range vector in call to function \"rate\", got instant vector", e.getMessage());
    }

    @Test
    void types() {
        assertEquals(ValueType.SCALAR, Parser.parse("1 + 1").type());
        assertEquals(ValueType.VECTOR, Parser.parse("foo + 1").type());
        assertEquals(ValueType.MATRIX, Parser.parse("foo[1m]").type());
        assertEquals(ValueType.STRING, Parser.parse("\"x\"").type());
    }

    @Test
    void prettyPrintsLongQueriesOnSeveralLines() {
        String q = "sum by (job, instance) (rate(http_requests_total{job=\"api-server\", handler=\"/api/v1/query\"}[5m])) / "
                + "sum by (job, instance) (rate(http_requests_total[5m]))";
        String expected = """
                  sum by (job, instance) (rate(http_requests_total{handler="/api/v1/query",job="api-server"}[5m]))
                /
                  sum by (job, instance) (rate(http_requests_total[5m]))""";
        assertEquals(expected, Pretty.format(Parser.parse(q)));
        assertEquals("sum(rate(foo[5m]))", Pretty.format(Parser.parse("sum( rate(foo[5m]) )")));
    }

    @Test
    void astJson() {
        Map<String, Object> m = AstJson.toMap(Parser.parse("sum by (job) (foo{a=\"b\"} offset 1m)"));
        assertEquals("aggregation", m.get("type"));
        assertEquals("sum", m.get("op"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vs = (Map<String, Object>) m.get("expr");
        assertEquals("vectorSelector", vs.get("type"));
        assertEquals(60000L, vs.get("offset"));
    }
}
