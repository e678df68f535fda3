package dev.pharos.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        0                      | 0
        1                      | 1
        -1.5                   | -1.5
        0.1                    | 0.1
        100                    | 100
        123456789012           | 123456789012
        0.000001               | 0.000001
        0.0000001              | 1e-07
        1.5e-7                 | 1.5e-07
        1e20                   | 100000000000000000000
        1e21                   | 1e+21
        1.2345e22              | 1.2345e+22
        0.30000000000000004    | 0.30000000000000004
        2.82879384806159e17    | 282879384806159000
        1.7976931348623157e308 | 1.7976931348623157e+308
        4.9e-324               | 5e-324
        """)
    void formatsLikePrometheusJson(double v, String expected) {
        assertEquals(expected, ValueFormat.format(v));
    }

    @org.junit.jupiter.api.Test
    void specials() {
        assertEquals("+Inf", ValueFormat.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", ValueFormat.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", ValueFormat.format(Double.NaN));
        assertEquals("1e+21", ValueFormat.formatG(1e21));
        assertEquals("1e-05", ValueFormat.formatG(0.00001));
        assertEquals("0.0001", ValueFormat.formatG(0.0001));
    }
}
