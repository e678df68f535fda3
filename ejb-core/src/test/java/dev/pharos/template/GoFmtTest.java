package dev.pharos.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sprintf results as Go's fmt produces them. */
class GoFmtTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("%6.2f", List.of(3.14159), "  3.14"),
                Arguments.of("%+d", List.of(5L), "+5"),
                Arguments.of("% d", List.of(5L), " 5"),
                Arguments.of("%x", List.of(-255L), "-ff"),
                Arguments.of("%#x", List.of(255L), "0xff"),
                Arguments.of("%08.3f", List.of(-3.14159), "-003.142"),
                Arguments.of("%e", List.of(0.0), "0.000000e+00"),
                Arguments.of("%g", List.of(100000.0), "100000"),
                Arguments.of("%g", List.of(1000000.0), "1e+06"),
                Arguments.of("%v", List.of(1e-5), "1e-05"),
                Arguments.of("%v", List.of(0.0001), "0.0001"),
                Arguments.of("%v", List.of(123456.0), "123456"),
                Arguments.of("%.3s", List.of("abcdef"), "abc"),
                Arguments.of("%5t", List.of(true), " true"),
                Arguments.of("%c", List.of(65L), "A"),
                Arguments.of("%q", List.of(65L), "'A'"),
                Arguments.of("%U", List.of(0x1F600L), "U+1F600"),
                Arguments.of("%v", List.of(List.of(1L, 2L, 3L)), "[1 2 3]"),
                Arguments.of("%d", List.of(List.of(1L, 2L)), "[1 2]"),
                Arguments.of("%s", List.of(42L), "%!s(int=42)"),
                Arguments.of("abc%", List.of(), "abc%!(NOVERB)"),
                Arguments.of("%z", List.of(1L), "%!z(int=1)"),
                Arguments.of("%.0f", List.of(2.5), "2"),
                Arguments.of("%.0f", List.of(3.5), "4"),
                Arguments.of("%.2f", List.of(1.005), "1.00"),
                Arguments.of("%5.1f|%-5.1f|", List.of(1.25, 1.25), "  1.2|1.2  |"),
                Arguments.of("%*d", List.of(4L, 7L), "   7"),
                Arguments.of("%v %v", List.of(Double.NaN, Double.NEGATIVE_INFINITY), "NaN -Inf"),
                Arguments.of("%+.1e", List.of(12345.0), "+1.2e+04"),
                Arguments.of("%G", List.of(1e-10), "1E-10"),
                Arguments.of("%x", List.of("héllo"), "68c3a96c6c6f"),
                Arguments.of("%q", List.of("a\"b\tc"), "\"a\\\"b\\tc\""),
                Arguments.of("%+q", List.of("é"), "\"\\u00e9\""),
                Arguments.of("%v", List.of(new TreeMap<>(Map.of("b", 2L, "a", 1L))), "map[a:1 b:2]"),
                Arguments.of("%T", List.of(new StringMap(Map.of())), "map[string]string"),
                Arguments.of("%v", Arrays.asList((Object) null), "<nil>"),
                Arguments.of("%d", Arrays.asList((Object) null), "%!d(<nil>)"),
                Arguments.of("%s %s", List.of("a", "b", 3L), "a b%!(EXTRA int=3)"),
                Arguments.of("%v", List.of(new GoDuration(5_400_000_000_000L)), "1h30m0s"),
                Arguments.of("%-8v|", List.of("ab"), "ab      |"),
                Arguments.of("%08d", List.of(-42L), "-0000042"),
                Arguments.of("%.3d", List.of(7L), "007"),
                Arguments.of("%o %O %b", List.of(8L, 8L, 5L), "10 0o10 101"),
                // rounding follows the exact binary value, ties to even
                Arguments.of("%.2f", List.of(1.015), "1.01"),
                Arguments.of("%.2f", List.of(9.996), "10.00"),
                Arguments.of("%.1f", List.of(0.05), "0.1"),
                Arguments.of("%.0f %.0f", List.of(0.5, 1.5), "0 2"),
                Arguments.of("%.3g", List.of(2.675), "2.67"),
                Arguments.of("%.20g", List.of(0.1), "0.10000000000000000555"),
                Arguments.of("%.3f", List.of(0.0004), "0.000"),
                Arguments.of("%.3f", List.of(0.0006), "0.001"),
                Arguments.of("%.4g", List.of(999.96), "1000"),
                Arguments.of("%.4g", List.of(99999.0), "1e+05"),
                Arguments.of("%e", List.of(1.0), "1.000000e+00"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sprintf(String format, List<Object> args, String expected) {
        assertEquals(expected, GoFmt.sprintf(format, args));
    }

    static Stream<Arguments> floats() {
        return Stream.of(
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(1e21, "1e+21"),
                Arguments.of(123456789.0, "1.23456789e+08"),
                Arguments.of(-0.0, "-0"),
                Arguments.of(5e-324, "5e-324"),
                Arguments.of(2.5, "2.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floats")
    void floatValue(double v, String expected) {
        assertEquals(expected, GoFmt.valueString(v));
    }

    @ParameterizedTest
    @MethodSource("sprintArgs")
    void sprint(List<Object> args, String expected) {
        assertEquals(expected, GoFmt.sprint(args));
    }

    static Stream<Arguments> sprintArgs() {
        return Stream.of(
                Arguments.of(List.of("a", "b", 1L, 2L, "c"), "ab1 2c"),
                Arguments.of(List.of(1L, 2.5, true), "1 2.5 true"),
                Arguments.of(List.of(), ""));
    }
}
