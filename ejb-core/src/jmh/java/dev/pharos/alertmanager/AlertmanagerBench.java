package dev.pharos.alertmanager;

import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.dispatch.Dispatcher;
import dev.pharos.alertmanager.dispatch.Route;
import dev.pharos.alertmanager.notify.InMemoryNotificationLogStore;
import dev.pharos.alertmanager.notify.NotificationMetrics;
import dev.pharos.alertmanager.notify.NotificationPipeline;
import dev.pharos.alertmanager.notify.RetryPolicy;
import dev.pharos.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Routing and alert ingestion (store merge + grouping) throughput. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AlertmanagerBench {

    static final String CONFIG = """
            route:
              receiver: default
              group_by: ['alertname', 'cluster']
              routes:
                - receiver: database-pager
                  matchers: ['service =~ "mysql|postgres"']
                  routes:
                    - {receiver: database-critical, matchers: [severity = critical]}
                - receiver: frontend-team
                  group_by: ['product', 'environment']
                  matchers: [team = frontend]
                  routes:
                    - {receiver: frontend-staging, matchers: [environment != production]}
                - receiver: catch-web
                  match_re: {instance: 'web-.*'}
            receivers:
              - name: default
              - name: database-pager
              - name: database-critical
              - name: frontend-team
              - name: frontend-staging
              - name: catch-web
            """;

    static final int N = 1000;

    Route tree;
    List<Labels> labels;
    List<Alert> alerts;
    AlertmanagerConfig config;
    int i;

    @Setup
    public void setup() {
        config = ConfigLoader.load(CONFIG);
        tree = Route.tree(config.route());
        labels = new ArrayList<>();
        alerts = new ArrayList<>();
        String[] services = {"mysql", "postgres", "redis", "api"};
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int k = 0; k < N; k++) {
            Labels l = Labels.of("alertname", "Alert" + (k % 20), "cluster", "c" + (k % 5), "service",
                    services[k % 4], "team", k % 3 == 0 ? "frontend" : "backend", "instance", "web-" + k,
                    "severity", k % 2 == 0 ? "critical" : "warning");
            labels.add(l);
            alerts.add(new Alert(l, Map.of("summary", "s"), t, t.plus(Duration.ofMinutes(5)), t, "", true));
        }
    }

    @Benchmark
    public Object routeMatch() {
        return tree.match(labels.get(i++ % N));
    }

    @Benchmark
    public long fingerprint() {
        return Fingerprints.of(labels.get(i++ % N));
    }

    /** One op = 1000 alerts put into a fresh store and grouped by a fresh dispatcher. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int ingest() {
        Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:01Z"), ZoneOffset.UTC);
        AlertMarker marker = new AlertMarker();
        AlertStore store = new AlertStore(clock, marker);
        NotificationPipeline pipeline = new NotificationPipeline(null, null, marker, Map.of(), Map.of(),
                new InMemoryNotificationLogStore(), new NotificationMetrics(), RetryPolicy.defaults(), clock, "");
        Dispatcher d = new Dispatcher(tree, store, pipeline, clock);
        d.start();
        store.put(alerts);
        return d.groups().size();
    }
}
