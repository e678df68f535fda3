package dev.pharos.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pharos.model.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
        "foo=bar#{foo=\"bar\"}",
        "foo = \"bar\"#{foo=\"bar\"}",
        "{foo=\"bar\", baz!~\"a|b\",}#{foo=\"bar\",baz!~\"a|b\"}",
        "foo=#{foo=\"\"}",
        "foo=~\"\\\\d+\"#{foo=~\"\\\\d+\"}",
        "foo=bar baz#{foo=\"bar baz\"}",
        "\"foo.bar\"=\"x\"#{foo.bar=\"x\"}",
    })
    void parsesAndPrints(String input, String printed) {
        assertEquals(printed, Matchers.format(Matchers.parse(input)));
    }

    @Test
    void escapedQuoteInValue() {
        assertEquals("a\"b", Matchers.parseOne("foo=\"a\\\"b\"").value());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(MatcherParseException.class, () -> Matchers.parse("foo"));
        assertThrows(MatcherParseException.class, () -> Matchers.parse("foo=~\"(\""));
    }

    @Test
    void goQuoting() {
        assertEquals("\"a\\nb\\t\\\"c\\\\\"", GoQuote.quote("a\nb\t\"c\\"));
        assertEquals("\"\\x01é\"", GoQuote.quote("\u0001é"));
    }

    @Test
    void fingerprintIsFnv1aOfSortedLabelsWithSeparators() {
        assertEquals("cbf29ce484222325", Fingerprints.hex(Labels.EMPTY));
        // Computed independently: FNV-1a 64 over "a\xffb\xff".
        long h = 0xcbf29ce484222325L;
        for (int b : new int[] {'a', 0xff, 'b', 0xff}) {
            h = (h ^ b) * 0x100000001b3L;
        }
        assertEquals(String.format("%016x", h), Fingerprints.hex(Labels.of("a", "b")));
        assertEquals(Fingerprints.of(Labels.of("x", "1", "a", "2")), Fingerprints.of(Labels.of("a", "2", "x", "1")));
    }

    @Test
    void durations() {
        assertEquals("1h30m", PromDuration.format(PromDuration.parse("90m")));
        assertEquals("4h", PromDuration.format(PromDuration.parse("4h")));
        assertEquals("5d", PromDuration.format(PromDuration.parse("5d")));
    }
}
