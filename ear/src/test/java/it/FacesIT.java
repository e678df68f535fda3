package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three faces of the one EAR answer on their own ports, and only there. */
class FacesIT {

    @ParameterizedTest
    @ValueSource(strings = {"/-/healthy", "/-/ready"})
    void serverHealth(String path) throws Exception {
        HttpResponse<String> r = Http.get(Http.server(path));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("Prometheus Server is"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/-/healthy", "/-/ready"})
    void pushgatewayAndAlertmanagerHealth(String path) throws Exception {
        assertEquals(200, Http.get(Http.push(path)).statusCode());
        assertEquals(200, Http.get(Http.alert(path)).statusCode());
    }

    @Test
    void buildInfoInPrometheusEnvelope() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/api/v1/status/buildinfo"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().startsWith("{\"status\":\"success\",\"data\":{\"version\":"), r.body());
    }

    @Test
    void flagsNameTheConfigFile() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/api/v1/status/flags"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"config.file\":"), r.body());
        assertTrue(r.body().contains("it-config/prometheus.yml"), r.body());
    }

    @Test
    void selfMetricsUsePrometheusNames() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/metrics"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("prometheus_build_info{"), r.body());
        assertTrue(r.body().contains("jvm_memory_used_bytes"), "JVM metrics present");
        HttpResponse<String> sd = Http.await(Http.server("/metrics"),
                x -> x.body().contains("prometheus_sd_discovered_targets{config=\"pharos\",name=\"scrape\"} 1"),
                java.time.Duration.ofSeconds(30));
        assertTrue(sd.body().contains("prometheus_target_interval_length_seconds{interval=\"1s\",quantile=\"0.5\"}"), sd.body());
    }

    @Test
    void facesAreIsolated() throws Exception {
        assertEquals(404, Http.get(Http.push("/api/v1/status/buildinfo")).statusCode());
        assertEquals(404, Http.get(Http.alert("/api/v1/status/buildinfo")).statusCode());
    }

    @Test
    void uiServedAtRoot() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/"));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Pharos"));
    }

    @Test
    void auditLogIsServedFromTheDatabase() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/api/v1/audit?limit=5"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"status\":\"success\",\"data\":["), r.body());
        assertEquals(400, Http.get(Http.server("/api/v1/audit?limit=0")).statusCode());
    }
}
