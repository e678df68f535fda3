package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.model.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameEscapingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UNDERSCORES|metric.name/with/slashes|metric_name_with_slashes",
        "UNDERSCORES|http_requests_total|http_requests_total",
        "UNDERSCORES|1abc|_abc",
        "DOTS|metric.name.with.dots|metric_dot_name_dot_with_dot_dots",
        "DOTS|a_b.c-d|a__b_dot_c_d",
        "VALUES|metric.name|U__metric_2e_name",
        "VALUES|a_b.☃|U__a__b_2e__2603_",
        "VALUES|legacy_name|legacy_name",
        "ALLOW_UTF8|metric.name|metric.name"})
    void escapesAsTheSpecSays(NameEscaping scheme, String in, String out) {
        assertEquals(out, scheme.escape(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,*/*;q=0.1|ALLOW_UTF8",
        "text/plain;version=1.0.0;escaping=values|VALUES",
        "text/plain;version=0.0.4|UNDERSCORES",
        "''|UNDERSCORES"})
    void readsTheAcceptHeader(String accept, NameEscaping expected) {
        assertEquals(expected, NameEscaping.fromAcceptHeader(accept));
    }

    @Test
    void writerEscapesMetricAndLabelNames() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        TextFormatWriter w = new TextFormatWriter(bos, NameEscaping.UNDERSCORES);
        w.writeType("my.metric", dev.pharos.model.MetricType.GAUGE);
        w.writeSample(Labels.of("__name__", "my.metric", "a.b", "x.y"), 1);
        w.flush();
        assertEquals("# TYPE my_metric gauge\nmy_metric{a_b=\"x.y\"} 1\n", bos.toString(StandardCharsets.UTF_8));
    }
}
