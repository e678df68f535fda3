package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.BackfillSeries;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenMetricsImportTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void groupsSamplesPerSeries() throws Exception {
        List<BackfillSeries> s = OpenMetricsImport.parse(bytes("""
                # TYPE m gauge
                m{a="1"} 1 10
                m{a="2"} 2 10
                m{a="1"} 3 20.5
                # EOF
                """));
        assertEquals(2, s.size());
        assertEquals(Labels.of("__name__", "m", "a", "1"), s.get(0).labels());
        assertEquals(10_000, s.get(0).timestamps()[0]);
        assertEquals(20_500, s.get(0).timestamps()[1]);
        assertEquals(3.0, s.get(0).values()[1]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m 1 10\\nm oops 20\\n# EOF\\n | line 2",
        "m 1\\n# EOF\\n | line 1",
        "m 1 10\\nm 2 10\\n# EOF\\n | line 2",
        "m 1 10\\n | EOF",
    })
    void invalidBodiesNameTheLine(String body, String expected) {
        OpenMetricsImport.InvalidImportException e = assertThrows(OpenMetricsImport.InvalidImportException.class,
                () -> OpenMetricsImport.parse(bytes(body.replace("\\n", "\n"))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
