package dev.pharos.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoRegexTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "(.*)some-[regex]|x-some-r|true",
            "(.*)some-[regex]|x-some-rx|false",
            "foo$|foo|true",
            "[[:alpha:]]+|abc|true",
            "[[:^digit:]]+|abc|true",
            "[[:digit:]]+|abc|false",
            "[[]|[|true",
            "a{|a{|true",
            "a{2}|aa|true",
            "\\101|A|true",
            "(?i)FOO|foo|true",
            "(?P<x>a)b|ab|true",
            "\\Qa.b\\E|a.b|true",
            "\\Qa.b\\E|axb|false",
            "''|''|true",
            "a&&b|a&&b|true",
            "[a&&b]|&|true",
    })
    void matches(String re, String s, boolean expected) {
        assertEquals(expected, GoRegex.compile(re == null ? "" : re).matches(s == null ? "" : s));
    }

    @org.junit.jupiter.api.Test
    void dotMatchesNewlineAndDollarIsEndOfText() {
        assertEquals(true, GoRegex.compile("a.b").matches("a\nb"));
        assertEquals(false, GoRegex.compile("a$").matches("a\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc(def", "a(?=b)", "a(?!b)", "(?<=a)b", "(a)\\1", "a*+", "a**", "a{2}{3}", "a*{2}",
            "\\e", "\\h", "a{1001}", "a{3,2}", "[a", "a\\", "(?P<a>x)(?P<a>y)", "\\8"})
    void rejectsWhatRe2Rejects(String re) {
        assertThrows(IllegalArgumentException.class, () -> GoRegex.compile(re));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "(a)(b)|$2$1|ba",
            "(a)(b)|${1}x|ax",
            "(a)(b)|$1x|''",
            "(a)(b)|$$1|$1",
            "(a)(b)|$|$",
            "(a)(b)|${1|${1",
            "(a)(b)|$9|''",
            "(?P<n>a)(b)|$n.$2|a.b",
    })
    void expand(String re, String template, String expected) {
        GoRegex r = GoRegex.compile(re);
        Matcher m = r.matchWhole("ab");
        assertEquals(expected.equals("''") ? "" : expected, r.expand(template, m));
    }
}
