package dev.pharos.service;

import dev.pharos.config.PrometheusConfig;
import dev.pharos.config.RemoteWriteConfig;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.remote.RemoteWriteQueue;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code remote_write} section of prometheus.yml: one {@link RemoteWriteQueue} per entry
 * (Remote Write 1.0 only; global.external_labels are added), fed by StorageService's tee with every committed sample; rebuilt on
 * each reload. Write relabelling is not applied yet (entries with write_relabel_configs are sent
 * unrelabelled, with a warning).
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StorageService", "ConfigService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RemoteWriteService implements ConfigService.Listener {

    private static final Logger LOG = Logger.getLogger(RemoteWriteService.class.getName());

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    @PostConstruct
    void start() {
        config.addListener(this);
    }

    @Override
    public synchronized void apply(PrometheusConfig cfg) {
        List<RemoteWriteQueue> next = new ArrayList<>();
        int i = 0;
        for (RemoteWriteConfig rw : cfg.remoteWriteConfigs()) {
            i++;
            if (RemoteWriteConfig.PROTO_V2.equals(rw.protobufMessage())) {
                LOG.warning("remote_write " + rw.url() + ": Remote Write 2.0 is not supported, skipped");
                continue;
            }
            if (rw.writeRelabelConfigs() != null && !rw.writeRelabelConfigs().isEmpty()) {
                LOG.warning("remote_write " + rw.url() + ": write_relabel_configs are not applied yet");
            }
            try {
                next.add(queue(rw, i, cfg.global() != null ? cfg.global().externalLabels() : null));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "remote_write " + rw.url() + ": " + e.getMessage(), e);
            }
        }
        List<RemoteWriteQueue> old = storage.remoteWriteTee().queues();
        storage.remoteWriteTee().setQueues(next);
        close(old);
    }

    private static RemoteWriteQueue queue(RemoteWriteConfig rw, int index, dev.pharos.model.Labels external)
            throws IOException {
        URI url = URI.create(rw.url());
        Duration timeout = rw.remoteTimeout() != null ? rw.remoteTimeout() : Duration.ofSeconds(30);
        HttpClient client = HttpClients.build(rw.httpClientConfig(), timeout, url.getScheme());
        RemoteWriteConfig.QueueConfig q = rw.queueConfig() != null ? rw.queueConfig() : RemoteWriteConfig.QueueConfig.DEFAULT;
        String name = rw.name() != null && !rw.name().isEmpty() ? rw.name() : "rw" + index;
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
        // Capacity per shard as in Prometheus (one shard here), but at least a few batches.
        return new RemoteWriteQueue(name, transport, Math.max(q.capacity() * 4, q.maxSamplesPerSend() * 4),
                q.maxSamplesPerSend(), q.batchSendDeadline(), q.minBackoff(), q.maxBackoff(), q.retryOnHttp429(), external);
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
    void stop() {
        List<RemoteWriteQueue> old = storage.remoteWriteTee().queues();
        storage.remoteWriteTee().setQueues(List.of());
        close(old);
    }
}
