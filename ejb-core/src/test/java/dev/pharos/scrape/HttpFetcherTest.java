package dev.pharos.scrape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP scrape against a real local HTTP server. */
class HttpFetcherTest {

    private HttpServer server;
    private final ConcurrentHashMap<String, String> seenHeaders = new ConcurrentHashMap<>();
    private static final String BODY = "a 1\nb 2\n";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/plain", ex -> {
            seenHeaders.put("accept", String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
            seenHeaders.put("auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            seenHeaders.put("timeout", String.valueOf(ex.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds")));
            seenHeaders.put("query", String.valueOf(ex.getRequestURI().getQuery()));
            send(ex, 200, BODY.getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/gzip", ex -> send(ex, 200, BODY.getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/big", ex -> send(ex, 200, new byte[100_000], false));
        server.createContext("/status", ex -> send(ex, 503, new byte[0], false));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, BODY.getBytes(StandardCharsets.UTF_8), false);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, byte[] body, boolean gzip) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        byte[] out = body;
        if (gzip) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                gz.write(body);
            }
            out = bo.toByteArray();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private Fetcher.Body fetch(String path, String extraYaml) throws Exception {
        return fetcher(path, extraYaml).get();
    }

    interface Call {
        Fetcher.Body get() throws Exception;
    }

    private Call fetcher(String path, String extraYaml) throws Exception {
        // A generous timeout: this machine may be busy; the timeout test sets its own.
        String timeout = extraYaml.contains("scrape_timeout") ? "" : "    scrape_timeout: 5s\n";
        ScrapeConfig cfg = ConfigLoader.loadFromString("scrape_configs:\n  - job_name: j\n" + timeout
                + "    scrape_interval: 10s\n" + extraYaml + "    static_configs: [{targets: ['x:1']}]\n", "t.yml")
                .scrapeConfigs().get(0);
        Target t = new Target(Labels.of("job", "j"), Labels.EMPTY,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), cfg,
                cfg.scrapeInterval(), cfg.scrapeTimeout());
        HttpFetcher f = new HttpFetcher(HttpClients.build(cfg.httpClientConfig(), Duration.ofSeconds(1), "http"), cfg);
        return () -> f.fetch(t);
    }

    @Test
    void sendsPrometheusHeadersAndAuth() throws Exception {
        Fetcher.Body b = fetch("/plain?x=1", "    basic_auth: {username: u, password: p}\n");
        assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), b.bytes());
        assertTrue(b.contentType().startsWith("text/plain"));
        assertTrue(seenHeaders.get("accept").startsWith("application/openmetrics-text;version=1.0.0"), seenHeaders.get("accept"));
        assertEquals("Basic dTpw", seenHeaders.get("auth"));
        assertEquals("5", seenHeaders.get("timeout"));
    }

    @Test
    void decompressesGzip() throws Exception {
        assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), fetch("/gzip", "").bytes());
    }

    @Test
    void enforcesTheBodySizeLimit() {
        ScrapeException e = assertThrows(ScrapeException.class, () -> fetch("/big", "    body_size_limit: 1KB\n"));
        assertEquals("body size limit exceeded", e.getMessage());
    }

    @Test
    void reportsHttpStatus() {
        ScrapeException e = assertThrows(ScrapeException.class, () -> fetch("/status", ""));
        assertEquals("server returned HTTP status 503 Service Unavailable", e.getMessage());
    }

    @Test
    void enforcesTheScrapeTimeout() throws Exception {
        Call slow = fetcher("/slow", "    scrape_timeout: 500ms\n");
        long t0 = System.nanoTime();
        ScrapeException e = assertThrows(ScrapeException.class, slow::get);
        assertTrue(e.getMessage().endsWith("context deadline exceeded"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 1_900_000_000L, "gave up at the timeout, not after the body");
    }

    @Test
    void refusedConnectionIsAnError() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        ScrapeException e = assertThrows(ScrapeException.class, () -> fetch("/plain", ""));
        assertTrue(e.getMessage().startsWith("Get \"http://127.0.0.1:" + port + "/plain\""), e.getMessage());
    }
}
