package dev.pharos.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alert values in the API are Go's FormatFloat(v, 'e', -1, 64). */
class AlertValueFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 1e+00",
        "42, 4.2e+01",
        "0, 0e+00",
        "-0.0, -0e+00",
        "1.5e-7, 1.5e-07",
        "123456789, 1.23456789e+08",
        "0.1, 1e-01",
        "-2.5, -2.5e+00",
        "1e300, 1e+300",
        "NaN, NaN",
        "Infinity, +Inf",
        "-Infinity, -Inf",
    })
    void formatsLikeGo(double v, String expected) {
        assertEquals(expected, Alert.formatValue(v));
    }
}
