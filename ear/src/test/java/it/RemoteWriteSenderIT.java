package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pharos as a remote-write sender: the IT configuration gets a {@code remote_write} entry
 * pointing at a real Prometheus started with its remote-write receiver, is reloaded, and
 * Prometheus must then hold Pharos's self-scrape. The configuration is restored afterwards.
 */
class RemoteWriteSenderIT {

    private static final Path CONFIG = Paths.get(System.getProperty("it.config.dir", "target/it-config"), "prometheus.yml");

    private static int reload() throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.server("/-/reload")))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    @Test
    void pharosRemoteWritesItsSamplesToARealPrometheus() throws Exception {
        String original = Files.readString(CONFIG);
        try (RemotePrometheus prom = RemotePrometheus.startWithArgs("global:\n  scrape_interval: 1m\n",
                "--web.enable-remote-write-receiver")) {
            Files.writeString(CONFIG, original + """

                    remote_write:
                      - url: %s
                        queue_config:
                          batch_send_deadline: 1s
                    """.formatted(prom.url("/api/v1/write")));
            assertEquals(200, reload());
            String q = URLEncoder.encode("up{job=\"pharos\"}", StandardCharsets.UTF_8);
            HttpResponse<String> r = Http.await(prom.url("/api/v1/query?query=" + q),
                    x -> x.body().contains("\"value\""), Duration.ofSeconds(60));
            assertTrue(r.body().contains("\"job\":\"pharos\""), r.body() + "\nprometheus log:\n" + prom.log());
            assertTrue(r.body().contains("\"env\":\"it\""), "external label added: " + r.body());
        } finally {
            Files.writeString(CONFIG, original);
            reload();
        }
    }
}
