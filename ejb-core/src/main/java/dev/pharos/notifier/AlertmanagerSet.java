package dev.pharos.notifier;

import dev.pharos.config.AlertmanagerConfig;
import dev.pharos.discovery.AlertmanagerTargets;
import dev.pharos.discovery.TargetBuilder;
import dev.pharos.discovery.TargetDiscovery;
import dev.pharos.discovery.TargetGroup;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.httpclient.SelfCredentials;
import dev.pharos.model.Labels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code alerting.alertmanagers} entry: its discovered Alertmanagers (static and file
 * SD, relabeled) and how to post to them (scheme, timeout, http_config with auth and TLS).
 */
public final class AlertmanagerSet {

    private static final Logger LOG = Logger.getLogger(AlertmanagerSet.class.getName());

    /** Posts one body; throws on transport errors and non-2xx statuses. */
    @FunctionalInterface
    public interface Poster {
        void post(String url, byte[] body) throws Exception;
    }

    private final AlertmanagerConfig config;
    private final TargetDiscovery discovery;
    private final Poster poster;
    private final Map<String, List<AlertmanagerTargets.Endpoint>> activeBySource = new LinkedHashMap<>();
    private final Map<String, List<Labels>> droppedBySource = new LinkedHashMap<>();
    private volatile List<String> active = List.of();
    private volatile List<String> dropped = List.of();

    public AlertmanagerSet(AlertmanagerConfig config, Poster poster) {
        this.config = config;
        this.discovery = TargetDiscovery.of(config);
        this.poster = poster != null ? poster : httpPoster(config);
    }

    public AlertmanagerConfig config() {
        return config;
    }

    /** Picks up discovery changes (file SD re-reads); cheap when nothing changed. */
    public synchronized void refresh() {
        List<TargetGroup> changed = discovery.poll();
        if (changed.isEmpty()) {
            return;
        }
        for (TargetGroup g : changed) {
            try {
                AlertmanagerTargets.Result r = AlertmanagerTargets.fromGroup(config, g);
                activeBySource.put(g.source(), r.active());
                droppedBySource.put(g.source(), r.dropped());
            } catch (IllegalArgumentException e) {
                LOG.warning("Alertmanager discovery: " + e.getMessage());
                activeBySource.remove(g.source());
            }
        }
        List<String> a = new ArrayList<>();
        for (List<AlertmanagerTargets.Endpoint> l : activeBySource.values()) {
            for (AlertmanagerTargets.Endpoint e : l) {
                if (!a.contains(e.url())) {
                    a.add(e.url());
                }
            }
        }
        List<String> d = new ArrayList<>();
        for (List<Labels> l : droppedBySource.values()) {
            for (Labels t : l) {
                d.add(t.getOrEmpty(TargetBuilder.SCHEME) + "://" + t.getOrEmpty(TargetBuilder.ADDRESS)
                        + t.getOrEmpty(AlertmanagerTargets.ALERTS_PATH));
            }
        }
        active = List.copyOf(a);
        dropped = List.copyOf(d);
    }

    /** URLs alerts are posted to. */
    public List<String> activeUrls() {
        return active;
    }

    public List<String> droppedUrls() {
        return dropped;
    }

    void post(String url, byte[] body) throws Exception {
        poster.post(url, body);
    }

    private static Poster httpPoster(AlertmanagerConfig cfg) {
        return new Poster() {
            private HttpClient client;

            @Override
            public synchronized void post(String url, byte[] body) throws Exception {
                if (client == null) {
                    client = HttpClients.build(cfg.httpClientConfig(), cfg.timeout(), cfg.scheme());
                }
                URI uri = URI.create(url);
                HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(cfg.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Prometheus/3.0.0 (Pharos)")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                HttpClients.authenticate(rb, cfg.httpClientConfig());
                SelfCredentials.apply(rb, uri, cfg.httpClientConfig());
                HttpResponse<Void> resp = client.send(rb.build(), HttpResponse.BodyHandlers.discarding());
                if (resp.statusCode() / 100 != 2) {
                    throw new IOException("bad response status " + resp.statusCode());
                }
            }
        };
    }

    static void logFailure(String url, Exception e) {
        LOG.log(Level.WARNING, "Error sending alerts to Alertmanager " + url + ": " + e);
    }
}
