package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.model.MetricType;
import dev.pharos.remote.MalformedProtobufException;
import dev.pharos.remote.MetadataDecoder;
import dev.pharos.scrape.MetricMetadata;
import java.net.InetSocketAddress;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

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

    /**
     * Two remote_write entries: the real Prometheus with a write_relabel_configs drop rule, and a
     * Java receiver for metadata (Prometheus 2.42's receiver accepts metadata but keeps none: its
     * /api/v1/metadata only shows what it scrapes itself, checked by hand). Prometheus must get
     * the pharos job's series except the dropped one; the Java receiver must get TYPE/HELP of
     * Pharos's own metrics; Pharos's /metrics must show the prometheus_remote_storage_* metrics.
     */
    @Test
    void writeRelabelConfigsDropASeriesAndMetadataIsSent() throws Exception {
        String original = Files.readString(CONFIG);
        List<MetricMetadata> metadata = new CopyOnWriteArrayList<>();
        List<String> encodings = new CopyOnWriteArrayList<>();
        HttpServer rx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rx.createContext("/api/v1/write", ex -> {
            try {
                encodings.add(String.valueOf(ex.getRequestHeaders().getFirst("Content-Encoding")));
                byte[] raw = Snappy.uncompress(ex.getRequestBody().readAllBytes());
                metadata.addAll(MetadataDecoder.decode(raw, 0, raw.length));
                ex.sendResponseHeaders(204, -1);
            } catch (MalformedProtobufException | RuntimeException e) {
                ex.sendResponseHeaders(400, -1);
            } finally {
                ex.close();
            }
        });
        rx.start();
        try (RemotePrometheus prom = RemotePrometheus.startWithArgs("global:\n  scrape_interval: 1m\n",
                "--web.enable-remote-write-receiver")) {
            String promUrl = prom.url("/api/v1/write");
            Files.writeString(CONFIG, original + """

                    remote_write:
                      - url: %s
                        name: to-prometheus
                        write_relabel_configs:
                          - source_labels: [__name__]
                            regex: scrape_duration_seconds
                            action: drop
                        queue_config:
                          batch_send_deadline: 1s
                          min_shards: 2
                        metadata_config:
                          send: false
                      - url: http://127.0.0.1:%d/api/v1/write
                        name: metadata-rx
                        queue_config:
                          batch_send_deadline: 1s
                        metadata_config:
                          send_interval: 1s
                    """.formatted(promUrl, rx.getAddress().getPort()));
            assertEquals(200, reload());
            // Another report series of the same scrapes arrives, so the dropped one had its chance.
            HttpResponse<String> kept = Http.await(prom.url("/api/v1/query?query="
                    + URLEncoder.encode("scrape_samples_scraped{job=\"pharos\"}", StandardCharsets.UTF_8)),
                    x -> x.body().contains("\"value\""), Duration.ofSeconds(60));
            assertTrue(kept.body().contains("\"env\":\"it\""), kept.body() + "\nprometheus log:\n" + prom.log());
            HttpResponse<String> dropped = Http.get(prom.url("/api/v1/query?query="
                    + URLEncoder.encode("count({__name__=~\"scrape_duration_seconds|up\",job=\"pharos\"}) by (__name__)",
                            StandardCharsets.UTF_8)));
            assertTrue(dropped.body().contains("\"__name__\":\"up\""), dropped.body());
            assertFalse(dropped.body().contains("scrape_duration_seconds"), "dropped by write_relabel_configs: " + dropped.body());

            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end && metadata.stream().noneMatch(m -> m.metric().equals("prometheus_remote_storage_shards"))) {
                Thread.sleep(200);
            }
            MetricMetadata shards = metadata.stream().filter(m -> m.metric().equals("prometheus_remote_storage_shards"))
                    .findFirst().orElse(null);
            assertNotNull(shards, "metadata received: " + metadata.size() + " entries");
            assertEquals(MetricType.GAUGE, shards.type());
            assertEquals("The number of shards used for parallel sending to the remote storage.", shards.help());
            assertTrue(encodings.stream().allMatch("snappy"::equals), encodings.toString());

            String metrics = Http.get(Http.server("/metrics")).body();
            String labels = "remote_name=\"to-prometheus\",url=\"" + promUrl + "\"";
            assertTrue(metrics.contains("prometheus_remote_storage_samples_total{" + labels + "}"), metrics);
            assertTrue(metrics.contains("prometheus_remote_storage_shards{" + labels + "} 2"), "min_shards 2");
            assertTrue(metrics.contains("prometheus_remote_storage_samples_dropped_total{reason=\"dropped_series\","
                    + labels + "}"), "relabel drops counted");
            assertTrue(metrics.contains("prometheus_remote_storage_metadata_total{remote_name=\"metadata-rx\""), "metadata counted");

            // A reload that leaves the entries as they are keeps their queues (counters go on).
            double before = samplesSent(metrics, labels);
            assertTrue(before > 0, metrics);
            assertEquals(200, reload());
            assertTrue(samplesSent(Http.get(Http.server("/metrics")).body(), labels) >= before, "queue kept");
        } finally {
            rx.stop(0);
            Files.writeString(CONFIG, original);
            reload();
        }
    }

    private static double samplesSent(String metrics, String labels) {
        String prefix = "prometheus_remote_storage_samples_total{" + labels + "} ";
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).split(" ")[0]))
                .findFirst().orElse(-1);
    }
}
