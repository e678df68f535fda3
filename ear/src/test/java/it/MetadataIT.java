package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Metric metadata is kept in the database: after its only target is gone, /api/v1/metadata
 * still knows a metric's TYPE and HELP.
 */
class MetadataIT {

    private static final Path TARGETS = Paths.get(System.getProperty("it.config.dir", "target/it-config"), "targets");

    @Test
    void metadataOutlivesItsTarget() throws Exception {
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", ex -> {
            byte[] b = "# HELP persist_me_total Kept in the database.\n# TYPE persist_me_total counter\npersist_me_total 3\n"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        exporter.start();
        Path file = TARGETS.resolve("metadata-it.json");
        try {
            Files.createDirectories(TARGETS);
            Files.writeString(file, "[{\"targets\": [\"127.0.0.1:" + exporter.getAddress().getPort()
                    + "\"], \"labels\": {\"job\": \"metadata-it\"}}]");
            HttpResponse<String> live = Http.await(Http.server("/api/v1/targets/metadata?metric=persist_me_total"),
                    r -> r.body().contains("Kept in the database."), Duration.ofSeconds(60));
            assertTrue(live.body().contains("\"type\":\"counter\""), live.body());
            // Stored every 15 s: give it time to be written.
            Thread.sleep(17_000);
        } finally {
            Files.deleteIfExists(file);
            exporter.stop(0);
        }
        HttpResponse<String> gone = Http.await(Http.server("/api/v1/targets/metadata?metric=persist_me_total"),
                r -> r.body().contains("\"data\":[]"), Duration.ofSeconds(30));
        assertTrue(gone.body().contains("\"data\":[]"), "the target is gone: " + gone.body());
        String stored = Http.get(Http.server("/api/v1/metadata?metric=persist_me_total")).body();
        assertTrue(stored.contains("\"persist_me_total\":[{\"type\":\"counter\",\"help\":\"Kept in the database.\""), stored);
    }
}
