package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoFloatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1", "-1|-1", "+1|1", "1.5|1.5", ".5|0.5", "5.|5", "1e3|1000", "1E+3|1000", "1e-3|0.001",
        "0.1|0.1", "123456789012345678|1.2345678901234568e+17", "1.7976931348623157e308|1.7976931348623157e+308",
        "4.9e-324|5e-324", "1e-400|0", "0000.000100|0.0001", "Inf|+Inf", "+inf|+Inf", "-Infinity|-Inf",
        "nan|NaN", "NaN|NaN", "12345678901234567890123|1.2345678901234568e+22", "0.30000000000000004|0.30000000000000004",
        "9007199254740993|9.007199254740992e+15", "2.82879384806159e17|2.82879384806159e+17", "1.458255915e9|1.458255915e+09"})
    void parsesAsGoDoes(String in, String formatted) throws Exception {
        assertEquals(formatted, GoFloat.format(GoFloat.parse(in)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "0x1p3", "1_000", "1p3",
        "+nan", "-NaN", "infinit", "infinityy", "1d", "1f", " 1", "1 ", "--1", "1e5.5", "abc"})
    void rejectsWhatGoRejects(String in) {
        assertThrows(GoFloat.SyntaxException.class, () -> GoFloat.parse(in));
    }

    @Test
    void outOfRangeIsAnError() {
        GoFloat.SyntaxException e = assertThrows(GoFloat.SyntaxException.class, () -> GoFloat.parse("-1e309"));
        assertEquals("strconv.ParseFloat: parsing \"-1e309\": value out of range", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1000000|1e+06", "123456|123456", "1234567|1.234567e+06", "0.0001|0.0001", "0.00001|1e-05",
        "1.5e-7|1.5e-07", "100000|100000", "-0.0|-0", "0|0", "2.5|2.5", "1e21|1e+21", "1e100|1e+100",
        "-123.456|-123.456", "5e-324|5e-324", "0.1|0.1"})
    void formatsAsGoShortestG(double v, String expected) {
        assertEquals(expected, GoFloat.format(v));
    }

    @Test
    void formatsSpecials() {
        assertEquals("+Inf", GoFloat.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFloat.format(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", GoFloat.format(Double.NaN));
        assertEquals("1.0", GoFloat.formatOpenMetrics(1));
        assertEquals("1e+06", GoFloat.formatOpenMetrics(1e6));
        assertEquals("0.5", GoFloat.formatOpenMetrics(0.5));
        assertEquals("+Inf", GoFloat.formatOpenMetrics(Double.POSITIVE_INFINITY));
    }

    /** Every formatted value reads back exactly and has no more digits than the shortest form. */
    @Test
    void formatIsShortestAndRoundTrips() throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 800; i++) {
            double v = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String s = GoFloat.format(v);
            assertEquals(v, GoFloat.parse(s), s);
            assertEquals(shortestDigits(v), significantDigits(s), s + " for " + v);
        }
    }

    @Test
    void parseMatchesJavaOnRandomDecimals() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20000; i++) {
            String s = r.nextInt(0, 1_000_000) + "." + r.nextInt(0, 1_000_000) + "e" + r.nextInt(-30, 30);
            assertEquals(Double.parseDouble(s), GoFloat.parse(s), s);
        }
    }

    /** Long mantissas and wide exponents take the Eisel-Lemire path: it must agree with Java's exact parse. */
    @Test
    void longMantissasMatchJava() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 30000; i++) {
            int digits = r.nextInt(16, 20);
            StringBuilder sb = new StringBuilder();
            sb.append(r.nextInt(1, 10));
            for (int k = 1; k < digits; k++) {
                sb.append(r.nextInt(10));
            }
            int dot = r.nextInt(0, digits + 1);
            sb.insert(dot, '.');
            sb.append('e').append(r.nextInt(-330, 285));
            String s = sb.toString();
            double expected = Double.parseDouble(s);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(GoFloat.parse(s)), s);
        }
        for (String s : new String[] {"9999999999999999999", "18446744073709551615", "9223372036854775808",
            "0.0003825067330956884", "1.7976931348623157e308", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "9007199254740993", "9007199254740992.5", "1e23", "8.41e21", "5e-324", "2.4703282292062328e-324"}) {
            assertEquals(Double.parseDouble(s), GoFloat.parse(s), s);
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "-5,-5", "+7,7", "9223372036854775807,9223372036854775807",
        "-9223372036854775808,-9223372036854775808"})
    void parsesLongs(String in, long expected) throws Exception {
        byte[] b = in.getBytes();
        assertEquals(expected, GoFloat.parseLong(b, 0, b.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "1.0", "9223372036854775808", "-9223372036854775809", "1e3"})
    void rejectsBadLongs(String in) {
        byte[] b = in.getBytes();
        assertThrows(GoFloat.SyntaxException.class, () -> GoFloat.parseLong(b, 0, b.length));
    }

    private static int shortestDigits(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            if (exact.round(new MathContext(p, RoundingMode.HALF_EVEN)).doubleValue() == v) {
                return p;
            }
        }
        return 17;
    }

    private static int significantDigits(String s) {
        String m = s.replace("-", "");
        int e = m.indexOf('e');
        if (e >= 0) {
            m = m.substring(0, e);
        }
        m = m.replace(".", "").replaceFirst("^0+", "");
        m = m.replaceFirst("0+$", "");
        assertTrue(!m.isEmpty() || s.matches("-?0"), s);
        return Math.max(1, m.length());
    }
}
