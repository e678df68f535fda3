package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.remote.WriteRequestEncoder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * The remote write receiver against a real Prometheus: it scrapes itself under a job name used
 * nowhere else and remote-writes to Pharos, which must then answer queries for that job.
 */
class RemoteWriteIT {

    static HttpResponse<String> write(byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.server("/api/v1/write")))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static String query(String promql) throws Exception {
        return Http.get(Http.server("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).body();
    }

    @Test
    void aRealPrometheusRemoteWritesIntoPharos() throws Exception {
        String job = "rw-" + System.nanoTime();
        try (RemotePrometheus prom = RemotePrometheus.start("""
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['127.0.0.1:{{PORT}}']
                remote_write:
                  - url: %s
                    queue_config:
                      batch_send_deadline: 1s
                """.formatted(job, Http.server("/api/v1/write")))) {
            String q = "prometheus_build_info{job=\"" + job + "\"}";
            String url = Http.server("/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            HttpResponse<String> r = Http.await(url, x -> x.body().contains("\"value\""), Duration.ofSeconds(60));
            assertTrue(r.body().contains("\"job\":\"" + job + "\""), "series only remote write brings: " + r.body()
                    + "\nprometheus log:\n" + prom.log());
            String up = query("up{job=\"" + job + "\"}");
            assertTrue(up.contains("\"1\"]"), up);
            assertTrue(!prom.log().contains("non-recoverable error"), prom.log());
        }
    }

    @Test
    void malformedAndOutOfOrderWritesAre400() throws Exception {
        HttpResponse<String> notSnappy = write("definitely not snappy".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notSnappy.statusCode(), notSnappy.body());
        HttpResponse<String> notProto = write(Snappy.compress("snappy but not protobuf \u00ff\u00ff".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, notProto.statusCode(), notProto.body());
        assertTrue(notProto.body().contains("WriteRequest"), notProto.body());

        Labels l = Labels.of("__name__", "rw_order_test", "run", String.valueOf(System.nanoTime()));
        long now = System.currentTimeMillis();
        assertEquals(204, write(Snappy.compress(new WriteRequestEncoder().add(l, now, 1).finish())).statusCode());
        HttpResponse<String> ooo = write(Snappy.compress(new WriteRequestEncoder().add(l, now - 60_000, 2).finish()));
        assertEquals(400, ooo.statusCode(), ooo.body());
        assertTrue(ooo.body().contains("out of order"), ooo.body());
        HttpResponse<String> v2 = Http.send(HttpRequest.newBuilder(URI.create(Http.server("/api/v1/write")))
                .header("Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request")
                .header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(new byte[] {0x0a, 0}))));
        assertEquals(415, v2.statusCode(), v2.body());
        String v = query("rw_order_test{run=\"" + l.get("run") + "\"}");
        assertTrue(v.contains("\"1\"]"), v);
    }
}
