package dev.pharos.promql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XXH64 reference vectors (seed 0), so limit_ratio samples the same series as Prometheus. */
class XxHashTest {
    @ParameterizedTest
    @CsvSource({
        "'', ef46db3751d8e999",
        "a, d24ec4f1a98c6e5b",
        "abc, 44bc2cf5ad770999",
        "Nobody inspects the spammish repetition, fbcea83c8a378bf1"})
    void matchesReference(String input, String hex) {
        assertEquals(Long.parseUnsignedLong(hex, 16), XxHash.hash(input.getBytes(StandardCharsets.UTF_8)));
    }
}
