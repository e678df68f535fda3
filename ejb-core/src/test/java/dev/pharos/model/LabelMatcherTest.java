package dev.pharos.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Regex matchers use RE2's syntax and are anchored at both ends, as Prometheus's are. */
class LabelMatcherTest {

    @ParameterizedTest(name = "{0} ~ \"{1}\" -> {2}")
    @CsvSource(delimiter = ';', value = {
        // anchored on both ends
        "api;api;true", "api;xapi;false", "api;apix;false", "a.*;abc;true", ".*c;abc;true",
        "api|web;web;true", "api|web;webx;false", "foo.*;foobar;true", "foo.*;xfoo;false",
        // RE2 syntax Java reads differently or rejects
        "(?P<job>a+)b;aab;true",
        "[[:digit:]]+;123;true", "[[:digit:]]+;12a;false", "[^[:space:]]+;a b;false",
        "[a&&b];&;true",
        "a{,2};a{,2};true",
        "a$;a;true",
        // fast paths (literal sets, literal prefixes) agree with the regex
        "a|b|;;true", "a|b;ab;false", "ab|b;b;true", "foo.*;foo;true", "fo.*o;fooo;true", "f\\.o.*;f.oo;true",
        "f\\.o.*;fxoo;false", ".*;anything;true", "host-1.*5;host-15;true", "host-1.*5;host-1235;true",
        "host-1.*5;host-5;false", "host-1.*5;host-1;false", "a.*a;a;false", "a.*a;aa;true", ".*err.*;an error;true",
        ".*err.*;an eror;false", "a.*b.*c;abc;true", "a.*b.*c;acb;false", "a.*bc.*c;abcc;true", "a.*bc.*c;abc;false",
        ".*x;xx;true", ".*.*;;true",
        // empty and missing labels
        ".*;;true", ".+;;false", "a*;;true"})
    void regexMatchesAsRe2(String re, String value, boolean expected) {
        LabelMatcher m = new LabelMatcher(MatchType.REGEX, "l", re);
        assertEquals(expected, m.matches(value == null ? "" : value));
        assertEquals(!expected, new LabelMatcher(MatchType.NOT_REGEX, "l", re).matches(value == null ? "" : value));
        assertEquals(expected, m.pattern().matcher(value == null ? "" : value).find(), "anchored pattern()");
    }

    @org.junit.jupiter.api.Test
    void dotMatchesNewlinesAndDollarIsTheEnd() {
        assertTrue(new LabelMatcher(MatchType.REGEX, "l", "a.b").matches("a\nb"));
        assertTrue(new LabelMatcher(MatchType.REGEX, "l", "foo.*").matches("foo\nbar"));
        assertEquals(false, new LabelMatcher(MatchType.REGEX, "l", "a$").matches("a\n"));
        assertEquals(false, new LabelMatcher(MatchType.REGEX, "l", "a").pattern().matcher("a\n").find());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a(?=b)", "(a)\\1", "a++", "\\Z", "(", "a{1001}"})
    void regexesRe2RejectsAreRejected(String re) {
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class,
                () -> new LabelMatcher(MatchType.REGEX, "l", re));
        assertTrue(!e.getDescription().isEmpty());
        assertTrue(!e.getDescription().startsWith("error parsing regexp"), e.getDescription());
    }

    @ParameterizedTest
    @CsvSource({"EQUAL, a, a, true", "NOT_EQUAL, a, a, false", "EQUAL, '', , true", "NOT_EQUAL, '', x, true"})
    void equalityMatchers(MatchType t, String value, String input, boolean expected) {
        assertEquals(expected, new LabelMatcher(t, "l", value).matches(input));
        assertEquals(null, new LabelMatcher(t, "l", value).pattern());
    }

    @ParameterizedTest
    @CsvSource({"a|b, a", "foo.*, foo"})
    void matchesLabelSetsByName(String re, String value) {
        LabelMatcher m = new LabelMatcher(MatchType.REGEX, "job", re);
        assertTrue(m.matches(Labels.of("job", value)));
        assertEquals(false, m.matches(Labels.of("other", value)));
    }
}
