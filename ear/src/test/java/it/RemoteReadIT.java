package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.remote.ReadRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Remote read against a real Prometheus: it has no scrape jobs, only
 * {@code remote_read} pointing at Pharos, so Pharos's self-scrape (job "pharos") can only reach
 * it through remote read (Prometheus asks for STREAMED_XOR_CHUNKS first). The SAMPLES response
 * type is checked with a hand-built request.
 */
class RemoteReadIT {

    @Test
    void aRealPrometheusReadsPharosSeriesThroughStreamedChunks() throws Exception {
        Http.await(Http.server("/api/v1/query?query=up%7Bjob%3D%22pharos%22%7D"), r -> r.body().contains("\"value\""),
                Duration.ofSeconds(60));
        try (RemotePrometheus prom = RemotePrometheus.start("""
                global:
                  scrape_interval: 1m
                remote_read:
                  - url: %s
                    read_recent: true
                """.formatted(Http.server("/api/v1/read")))) {
            String q = URLEncoder.encode("up{job=\"pharos\"}", StandardCharsets.UTF_8);
            HttpResponse<String> r = Http.await(prom.url("/api/v1/query?query=" + q),
                    x -> x.body().contains("\"value\""), Duration.ofSeconds(30));
            assertTrue(r.body().contains("\"job\":\"pharos\"") && r.body().contains("\"1\"]"),
                    r.body() + "\nprometheus log:\n" + prom.log());

            // Many samples (several XOR chunks of 120) decoded by Prometheus must equal Pharos's own count.
            long now = System.currentTimeMillis() / 1000;
            String expr = "count_over_time(up{job=\"pharos\"}[10m])";
            String path = "/api/v1/query?time=" + now + "&query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
            String theirs = Http.get(prom.url(path)).body();
            String ours = Http.get(Http.server(path)).body();
            assertEquals(valueOf(ours), valueOf(theirs), "ours " + ours + "\ntheirs " + theirs);

            String rate = Http.get(prom.url("/api/v1/query?query="
                    + URLEncoder.encode("prometheus_http_requests_total", StandardCharsets.UTF_8))).body();
            assertTrue(rate.contains("\"status\":\"success\""), rate);
        }
    }

    private static String valueOf(String body) {
        int i = body.indexOf("\"value\":[");
        return i < 0 ? body : body.substring(body.indexOf(',', i) + 1, body.indexOf(']', i));
    }

    @Test
    void samplesResponseIsSnappyProtobuf() throws Exception {
        Http.await(Http.server("/api/v1/query?query=up%7Bjob%3D%22pharos%22%7D"), r -> r.body().contains("\"value\""),
                Duration.ofSeconds(60));
        long now = System.currentTimeMillis();
        ReadRequest req = new ReadRequest(
                List.of(new ReadRequest.Query(now - 600_000, now, new LabelMatcher[] {
                    LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("job", "pharos")})),
                List.of(ReadRequest.ResponseType.SAMPLES));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(Http.server("/api/v1/read")))
                        .header("Content-Type", "application/x-protobuf")
                        .header("Content-Encoding", "snappy")
                        .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(req.encode()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/x-protobuf", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("snappy", r.headers().firstValue("Content-Encoding").orElse(""));
        String text = new String(Snappy.uncompress(r.body()), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("__name__") && text.contains("pharos"), text);

        HttpResponse<String> bad = Http.send(HttpRequest.newBuilder(URI.create(Http.server("/api/v1/read")))
                .POST(HttpRequest.BodyPublishers.ofString("not snappy")));
        assertEquals(400, bad.statusCode());
    }
}
