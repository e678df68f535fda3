package dev.pharos.pushgateway;

import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Pushgateway's own metrics, named as the original's: requests by code, handler and
 * method, push sizes and durations (summaries without quantiles), build info, plus the
 * Pharos additions for expired groups and limited requests.
 */
public final class GatewayMetrics {

    public static final String REQUESTS = "pushgateway_http_requests_total";
    public static final String PUSH_SIZE = "pushgateway_http_push_size_bytes";
    public static final String PUSH_DURATION = "pushgateway_http_push_duration_seconds";
    public static final String BUILD_INFO = "pushgateway_build_info";
    public static final String EXPIRED = "pushgateway_groups_expired_total";
    public static final String GROUPS = "pushgateway_groups";

    private final Map<Labels, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Summary> sizes = new ConcurrentHashMap<>();
    private final Map<String, Summary> durations = new ConcurrentHashMap<>();
    private final LongAdder expired = new LongAdder();
    private final String version;

    private static final class Summary {
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();
    }

    public GatewayMetrics(String version) {
        this.version = version;
    }

    /** Registers the own families' types so that pushes cannot give them another. */
    public static PushStore reserveIn(PushStore store) {
        return store.reserve(REQUESTS, MetricType.COUNTER).reserve(PUSH_SIZE, MetricType.SUMMARY)
                .reserve(PUSH_DURATION, MetricType.SUMMARY).reserve(BUILD_INFO, MetricType.GAUGE)
                .reserve(EXPIRED, MetricType.COUNTER).reserve(GROUPS, MetricType.GAUGE);
    }

    public void request(int code, String handler, String method) {
        requests.computeIfAbsent(Labels.of("code", Integer.toString(code), "handler", handler, "method", method),
                k -> new LongAdder()).increment();
    }

    public void push(String method, long bytes, double seconds) {
        Summary s = sizes.computeIfAbsent(method, k -> new Summary());
        s.count.increment();
        s.sum.add(bytes);
        Summary d = durations.computeIfAbsent(method, k -> new Summary());
        d.count.increment();
        d.sum.add(seconds);
    }

    public void expired(int n) {
        expired.add(n);
    }

    public long expiredCount() {
        return expired.sum();
    }

    /** The own families, sorted by name. */
    public List<MetricFamilyData> families(int groupCount) {
        List<MetricFamilyData> out = new ArrayList<>();
        out.add(new MetricFamilyData(BUILD_INFO, "A metric with a constant '1' value labeled by version, revision, "
                + "branch, and goversion from which pushgateway was built.", MetricType.GAUGE,
                List.of(MetricData.simple(Labels.of("branch", "main", "goversion", "java" + System.getProperty(
                        "java.version"), "revision", "", "version", version), 1))));
        out.add(new MetricFamilyData(GROUPS, "Number of groups currently stored.", MetricType.GAUGE,
                List.of(MetricData.simple(Labels.EMPTY, groupCount))));
        out.add(new MetricFamilyData(EXPIRED, "Total groups removed because they were not pushed to within their expiry.",
                MetricType.COUNTER, List.of(MetricData.simple(Labels.EMPTY, expired.sum()))));
        out.add(summary(PUSH_DURATION, "HTTP request duration for pushes to the Pushgateway.", durations));
        out.add(summary(PUSH_SIZE, "HTTP request size for pushes to the Pushgateway.", sizes));
        TreeMap<Labels, LongAdder> sorted = new TreeMap<>(requests);
        List<MetricData> ms = new ArrayList<>();
        sorted.forEach((l, v) -> ms.add(MetricData.simple(l, v.sum())));
        out.add(new MetricFamilyData(REQUESTS, "Total HTTP requests processed by the Pushgateway, excluding scrapes.",
                MetricType.COUNTER, ms));
        out.removeIf(f -> f.metrics().isEmpty());
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private static MetricFamilyData summary(String name, String help, Map<String, Summary> by) {
        List<MetricData> ms = new ArrayList<>();
        new TreeMap<>(by).forEach((m, s) -> ms.add(MetricData.summary(Labels.of("method", m), s.count.sum(), s.sum.sum(),
                List.of())));
        return new MetricFamilyData(name, help, MetricType.SUMMARY, ms);
    }
}
