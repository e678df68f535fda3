package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scrape pipeline through the real server: file_sd targets written by the test, a real
 * node_exporter (Debian's package), and exporters made here that misbehave on purpose.
 */
class ScrapeIT {

    private static final Path TARGETS = Paths.get(System.getProperty("it.config.dir", "target/it-config"), "targets");

    private static Process nodeExporter;
    private static int nodePort;
    private static HttpServer exporters;
    private static volatile String goodBody = "# TYPE it_gauge gauge\n# HELP it_gauge A gauge made by the IT.\nit_gauge{kind=\"a\"} 1\nit_gauge{kind=\"b\"} 2\n";

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(TARGETS);
        nodePort = Processes.freePort();
        Path bin = Processes.firstExisting(java.util.List.of(
                Paths.get("/usr/bin/prometheus-node-exporter"), Paths.get("/usr/bin/node_exporter")));
        assertNotNull(bin, "node_exporter not installed: run .ci/install-peers (apt package prometheus-node-exporter)");
        nodeExporter = new ProcessBuilder(bin.toString(), "--web.listen-address=127.0.0.1:" + nodePort,
                "--no-collector.systemd", "--no-collector.rapl")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        exporters = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporters.createContext("/good", ex -> reply(ex, 200, "text/plain; version=0.0.4", goodBody));
        exporters.createContext("/malformed", ex -> reply(ex, 200, "text/plain; version=0.0.4",
                "ok_metric 1\nbroken_metric{a=\"b\" 2\n"));
        exporters.createContext("/error", ex -> reply(ex, 500, "text/plain", "boom"));
        exporters.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain; version=0.0.4", "slow_metric 1\n");
        });
        exporters.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        exporters.start();
        int port = exporters.getAddress().getPort();
        String host = "127.0.0.1:" + port;
        Files.writeString(TARGETS.resolve("it.json"), """
                [
                  {"targets": ["127.0.0.1:%d"], "labels": {"job": "node", "__metrics_path__": "/metrics"}},
                  {"targets": ["%s"], "labels": {"job": "good", "__metrics_path__": "/good", "team": "it"}},
                  {"targets": ["%s"], "labels": {"job": "malformed", "__metrics_path__": "/malformed"}},
                  {"targets": ["%s"], "labels": {"job": "error", "__metrics_path__": "/error"}},
                  {"targets": ["%s"], "labels": {"job": "slow", "__metrics_path__": "/slow"}},
                  {"targets": ["127.0.0.1:1"], "labels": {"job": "gone"}}
                ]
                """.formatted(nodePort, host, host, host, host));
    }

    @AfterAll
    static void stop() throws Exception {
        Files.deleteIfExists(TARGETS.resolve("it.json"));
        if (nodeExporter != null) {
            nodeExporter.destroy();
            nodeExporter.waitFor(10, TimeUnit.SECONDS);
        }
        if (exporters != null) {
            exporters.stop(0);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static HttpResponse<String> query(String q) throws Exception {
        return Http.get(Http.server("/api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
    }

    /** The JSON object of the active target whose job label is {@code job}, once its health is as expected. */
    private static String awaitTarget(String job, String health) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            last = Http.get(Http.server("/api/v1/targets?scrapePool=it-files&state=active")).body();
            for (String t : last.split("\\{\"discoveredLabels\"")) {
                int labels = t.indexOf("\"labels\":{");
                if (labels >= 0 && t.indexOf("\"job\":\"" + job + "\"", labels) >= 0
                        && t.contains("\"health\":\"" + health + "\"")) {
                    return t;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(job + " should be " + health + ": " + last);
    }

    @Test
    void realNodeExporterIsScrapedAndQueryable() throws Exception {
        String body = awaitTarget("node", "up");
        assertTrue(body.contains("\"scrapeUrl\":\"http://127.0.0.1:" + nodePort + "/metrics\""), body);
        HttpResponse<String> r = Http.await(Http.server("/api/v1/query?query=up%7Bjob%3D%22node%22%7D"),
                resp -> resp.body().contains("\"value\":["), Duration.ofSeconds(30));
        assertTrue(r.body().contains("\"job\":\"node\""), r.body());
        assertTrue(r.body().contains(",\"1\"]"), "up is 1: " + r.body());
        HttpResponse<String> cpu = query("count(node_cpu_seconds_total)");
        assertTrue(cpu.body().contains("\"resultType\":\"vector\""), cpu.body());
        assertTrue(!cpu.body().contains("\"result\":[]"), "node_cpu_seconds_total was stored: " + cpu.body());
    }

    @Test
    void goodExporterSamplesCarryTargetLabelsAndMetadata() throws Exception {
        awaitTarget("good", "up");
        HttpResponse<String> r = Http.await(Http.server("/api/v1/query?query=it_gauge"),
                resp -> resp.body().contains("\"kind\":\"b\""), Duration.ofSeconds(30));
        assertTrue(r.body().contains("\"team\":\"it\""), r.body());
        assertTrue(r.body().contains("\"job\":\"good\""), r.body());
        HttpResponse<String> meta = Http.get(Http.server("/api/v1/targets/metadata?metric=it_gauge"));
        assertEquals(200, meta.statusCode());
        assertTrue(meta.body().contains("\"help\":\"A gauge made by the IT.\""), meta.body());
        assertTrue(meta.body().contains("\"type\":\"gauge\""), meta.body());
    }

    @Test
    void malformedExporterIsDownWithTheLineInTheError() throws Exception {
        String body = awaitTarget("malformed", "down");
        assertTrue(body.contains("line 2") || body.contains(":2:"), "error names line 2: " + body);
        HttpResponse<String> r = query("ok_metric");
        assertTrue(r.body().contains("\"result\":[]"), "nothing of a malformed scrape is stored: " + r.body());
    }

    @Test
    void failingSlowAndGoneTargetsAreDown() throws Exception {
        assertTrue(awaitTarget("error", "down").contains("server returned HTTP status 500"));
        assertTrue(awaitTarget("slow", "down").contains("context deadline exceeded"));
        assertTrue(awaitTarget("gone", "down").contains("\"lastError\":\"Get"));
        HttpResponse<String> up = Http.await(Http.server("/api/v1/query?query=up%7Bjob%3D%22slow%22%7D"),
                resp -> resp.body().contains(",\"0\"]"), Duration.ofSeconds(30));
        assertTrue(up.body().contains(",\"0\"]"), up.body());
    }

    @Test
    void queryErrorsUsePrometheusEnvelope() throws Exception {
        HttpResponse<String> r = query("sum(");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": "), r.body());
        HttpResponse<String> range = Http.get(Http.server("/api/v1/query_range?query=up&start=10&end=5&step=1"));
        assertEquals(400, range.statusCode());
    }
}
