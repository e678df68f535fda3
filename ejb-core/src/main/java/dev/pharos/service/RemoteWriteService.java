package dev.pharos.service;

import dev.pharos.config.PrometheusConfig;
import dev.pharos.config.RemoteWriteConfig;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.model.Labels;
import dev.pharos.remote.RemoteWriteMetrics;
import dev.pharos.remote.RemoteWriteQueue;
import dev.pharos.scrape.MetricMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code remote_write} section of prometheus.yml: one {@link RemoteWriteQueue} per entry,
 * fed by StorageService's tee with every committed sample. On reload an entry whose
 * configuration (and the external labels) did not change keeps its queue, with its shards and
 * series cache; the queues of changed or removed entries send what they hold, without retries,
 * for up to 2 s.
 *
 * <p>Per entry: global.external_labels then {@code write_relabel_configs} (resolved once per
 * series), sharding with dynamic resharding between {@code min_shards} and {@code max_shards},
 * the rest of {@code queue_config} (capacity per shard, max_samples_per_send,
 * batch_send_deadline, min/max_backoff, retry_on_http_429, sample_age_limit),
 * {@code metadata_config} (the scrape targets' TYPE/HELP/UNIT every send_interval),
 * {@code headers}, {@code remote_timeout} and the http_config that
 * {@link HttpClients} supports. The {@code prometheus_remote_storage_*} self-metrics are
 * registered once ({@link RemoteWriteMetrics}).
 *
 * <p>Not supported: Remote Write 2.0 ({@code protobuf_message: io.prometheus.write.v2.Request},
 * entries are skipped with a warning), exemplars and native histograms (Pharos stores neither),
 * sigv4/azuread/google_iam authentication, round_robin_dns.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StorageService", "ConfigService", "ScrapeService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RemoteWriteService implements ConfigService.Listener {

    private static final Logger LOG = Logger.getLogger(RemoteWriteService.class.getName());

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    @Inject
    ScrapeService scrape;

    @PostConstruct
    void start() {
        RemoteWriteMetrics.registerDefault(storage.remoteWriteTee());
        config.addListener(this);
    }

    /** What each live queue was built from; an entry unchanged by a reload keeps its queue. */
    private final Map<RemoteWriteQueue, List<Object>> built = new IdentityHashMap<>();

    @Override
    public synchronized void apply(PrometheusConfig cfg) {
        Map<List<Object>, RemoteWriteQueue> reusable = new HashMap<>();
        built.forEach((q, key) -> reusable.put(key, q));
        Map<RemoteWriteQueue, List<Object>> nextBuilt = new IdentityHashMap<>();
        List<RemoteWriteQueue> next = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Supplier<List<MetricMetadata>> metadata = scrape.metadataSource();
        Labels external = cfg.global() != null && cfg.global().externalLabels() != null
                ? cfg.global().externalLabels() : Labels.EMPTY;
        int i = 0;
        for (RemoteWriteConfig rw : cfg.remoteWriteConfigs()) {
            i++;
            if (RemoteWriteConfig.PROTO_V2.equals(rw.protobufMessage())) {
                LOG.warning("remote_write " + rw.url() + ": Remote Write 2.0 is not supported, skipped");
                continue;
            }
            try {
                String name = queueName(rw, i, names);
                List<Object> key = List.of(rw, external, name);
                RemoteWriteQueue q = reusable.remove(key);
                if (q == null) {
                    q = queue(rw, name, external, metadata);
                }
                next.add(q);
                nextBuilt.put(q, key);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "remote_write " + rw.url() + ": " + e.getMessage(), e);
            }
        }
        storage.remoteWriteTee().setQueues(next);
        built.clear();
        built.putAll(nextBuilt);
        close(new ArrayList<>(reusable.values()));
    }

    /**
     * The entry's {@code name}, else (as Prometheus names unnamed queues by a hash of their
     * config) the first 6 hex digits of the SHA-256 of the URL, made unique by the entry's index.
     */
    static String queueName(RemoteWriteConfig rw, int index, Set<String> taken) {
        String name = rw.name();
        if (name == null || name.isEmpty()) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(rw.url().getBytes(StandardCharsets.UTF_8));
                name = HexFormat.of().formatHex(h, 0, 3);
            } catch (NoSuchAlgorithmException e) {
                name = "rw" + index;
            }
        }
        String unique = name;
        if (!taken.add(unique)) {
            unique = name + "-" + index;
            taken.add(unique);
        }
        return unique;
    }

    /** The URL as the {@code url} metric label: without user info, which may hold a password. */
    static String urlLabel(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment()).toString();
        } catch (java.net.URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    private static RemoteWriteQueue queue(RemoteWriteConfig rw, String name, Labels external,
            Supplier<List<MetricMetadata>> metadata) throws IOException {
        URI url = URI.create(rw.url());
        Duration timeout = rw.remoteTimeout() != null ? rw.remoteTimeout() : Duration.ofSeconds(30);
        HttpClient client = HttpClients.build(rw.httpClientConfig(), timeout, url.getScheme());
        RemoteWriteQueue.Transport transport = body -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/x-protobuf")
                    .header("Content-Encoding", "snappy")
                    .header("User-Agent", "Pharos/" + BuildInfo.class.getPackage().getImplementationVersion())
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0");
            if (rw.headers() != null) {
                rw.headers().forEach(b::header);
            }
            HttpClients.authenticate(b, rw.httpClientConfig());
            return client.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        };
        return RemoteWriteQueue.builder(name, transport)
                .url(urlLabel(url))
                .queueConfig(rw.queueConfig())
                .metadataConfig(rw.metadataConfig() != null ? rw.metadataConfig() : RemoteWriteConfig.MetadataConfig.DEFAULT)
                .metadataSource(metadata)
                .writeRelabelConfigs(rw.writeRelabelConfigs())
                .externalLabels(external)
                .build();
    }

    private static void close(List<RemoteWriteQueue> qs) {
        for (RemoteWriteQueue q : qs) {
            try {
                q.close(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        List<RemoteWriteQueue> old = storage.remoteWriteTee().queues();
        storage.remoteWriteTee().setQueues(List.of());
        built.clear();
        close(old);
    }
}
