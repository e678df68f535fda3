package dev.pharos.discovery;

import dev.pharos.config.PromDurations;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.model.Labels;
import dev.pharos.relabel.NameValidation;
import dev.pharos.relabel.Relabeler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns discovered targets into scrape targets, as Prometheus's scrape package
 * ({@code PopulateDiscoveredLabels} / {@code PopulateLabels}): discovery labels, then the
 * group's labels where the target has none, then {@code job}, {@code __scrape_interval__},
 * {@code __scrape_timeout__}, {@code __metrics_path__}, {@code __scheme__}, the histogram
 * switches and {@code __param_<name>} (first value) where not set; then relabel_configs. A
 * target is dropped when relabeling drops it, and fails when {@code __address__} is missing or
 * holds a URL, or interval/timeout labels are invalid. Prometheus 3 adds no default port.
 * Afterwards {@code __meta_*} labels are removed and {@code instance} defaults to the address.
 */
public final class TargetBuilder {

    public static final String ADDRESS = "__address__";
    public static final String SCHEME = "__scheme__";
    public static final String METRICS_PATH = "__metrics_path__";
    public static final String SCRAPE_INTERVAL = "__scrape_interval__";
    public static final String SCRAPE_TIMEOUT = "__scrape_timeout__";
    public static final String PARAM_PREFIX = "__param_";
    public static final String META_PREFIX = "__meta_";
    public static final String SCRAPE_NATIVE_HISTOGRAMS = "__scrape_native_histograms__";
    public static final String ALWAYS_SCRAPE_CLASSIC = "__always_scrape_classic_histograms__";
    public static final String CONVERT_CLASSIC_TO_NHCB = "__convert_classic_histograms_to_nhcb__";
    public static final String UNIX_SOCKET = "__unix_socket__";
    public static final String JOB = "job";
    public static final String INSTANCE = "instance";

    /**
     * The outcome for one discovered target: a target, or dropped by relabeling (both target
     * and error null), or failed with an error as Prometheus shows for dropped targets.
     */
    public record Result(Labels discoveredLabels, ScrapeTarget target, String error) {
        public boolean dropped() {
            return target == null && error == null;
        }
    }

    private TargetBuilder() {
    }

    /** Every target of a group. */
    public static List<Result> fromGroup(ScrapeConfig cfg, TargetGroup group) {
        List<Result> out = new ArrayList<>(group.targets().size());
        for (Labels t : group.targets()) {
            out.add(build(cfg, t, group.groupLabels()));
        }
        return out;
    }

    public static Result build(ScrapeConfig cfg, Labels targetLabels, Labels groupLabels) {
        Labels discovered = discoveredLabels(cfg, targetLabels, groupLabels);
        Labels.Builder lb = discovered.toBuilder();
        if (!Relabeler.processBuilder(lb, cfg.relabelConfigs())) {
            return new Result(discovered, null, null);
        }
        String addr = lb.get(ADDRESS);
        if (addr == null || addr.isEmpty()) {
            return new Result(discovered, null, "no address");
        }
        if (addr.contains("/")) {
            return new Result(discovered, null, "\"" + addr + "\" is not a valid hostname");
        }
        String intervalText = orEmpty(lb.get(SCRAPE_INTERVAL));
        Duration interval;
        try {
            interval = PromDurations.parse(intervalText);
        } catch (IllegalArgumentException e) {
            return new Result(discovered, null, "error parsing scrape interval: " + e.getMessage());
        }
        if (interval.isZero()) {
            return new Result(discovered, null, "scrape interval cannot be 0");
        }
        String timeoutText = orEmpty(lb.get(SCRAPE_TIMEOUT));
        Duration timeout;
        try {
            timeout = PromDurations.parse(timeoutText);
        } catch (IllegalArgumentException e) {
            return new Result(discovered, null, "error parsing scrape timeout: " + e.getMessage());
        }
        if (timeout.isZero()) {
            return new Result(discovered, null, "scrape timeout cannot be 0");
        }
        if (timeout.compareTo(interval) > 0) {
            return new Result(discovered, null, "scrape timeout cannot be greater than scrape interval (\""
                    + timeoutText + "\" > \"" + intervalText + "\")");
        }
        Boolean nativeHist = parseBool(lb.get(SCRAPE_NATIVE_HISTOGRAMS), cfg.scrapeNativeHistograms());
        Boolean alwaysClassic = parseBool(lb.get(ALWAYS_SCRAPE_CLASSIC), cfg.alwaysScrapeClassicHistograms());
        Boolean nhcb = parseBool(lb.get(CONVERT_CLASSIC_TO_NHCB), cfg.convertClassicHistogramsToNhcb());
        if (nativeHist == null || alwaysClassic == null || nhcb == null) {
            return new Result(discovered, null, "invalid histogram setting label: must be a boolean");
        }

        // Meta labels go after relabeling; other internal labels stay for building the URL.
        Labels snapshot = lb.build();
        for (int i = 0; i < snapshot.size(); i++) {
            if (snapshot.name(i).startsWith(META_PREFIX)) {
                lb.remove(snapshot.name(i));
            }
        }
        if (orEmpty(lb.get(INSTANCE)).isEmpty()) {
            lb.set(INSTANCE, addr);
        }
        Labels res = lb.build();
        for (int i = 0; i < res.size(); i++) {
            if (!NameValidation.isValidUtf8(res.value(i))) {
                return new Result(discovered, null,
                        "invalid label value for \"" + res.name(i) + "\": \"" + res.value(i) + "\"");
            }
        }

        Map<String, List<String>> params = new LinkedHashMap<>();
        cfg.params().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
        res.forEach((n, v) -> {
            if (n.startsWith(PARAM_PREFIX)) {
                String k = n.substring(PARAM_PREFIX.length());
                List<String> vs = params.computeIfAbsent(k, x -> new ArrayList<>());
                if (vs.isEmpty()) {
                    vs.add(v);
                } else {
                    vs.set(0, v);
                }
            }
        });
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        params.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        ScrapeTarget target = new ScrapeTarget(res, discovered, orEmpty(res.get(SCHEME)), addr,
                orEmpty(res.get(METRICS_PATH)), java.util.Collections.unmodifiableMap(frozen), interval, timeout,
                nativeHist, alwaysClassic, nhcb, res.get(UNIX_SOCKET));
        return new Result(discovered, target, null);
    }

    /** The label set before relabeling, as shown as "discovered labels". */
    public static Labels discoveredLabels(ScrapeConfig cfg, Labels targetLabels, Labels groupLabels) {
        Labels.Builder lb = targetLabels.toBuilder();
        groupLabels.forEach((n, v) -> {
            if (!targetLabels.has(n)) {
                lb.set(n, v);
            }
        });
        setIfEmpty(lb, JOB, cfg.jobName());
        setIfEmpty(lb, SCRAPE_INTERVAL, PromDurations.format(cfg.scrapeInterval()));
        setIfEmpty(lb, SCRAPE_TIMEOUT, PromDurations.format(cfg.scrapeTimeout()));
        setIfEmpty(lb, METRICS_PATH, cfg.metricsPath());
        setIfEmpty(lb, SCHEME, cfg.scheme());
        setIfEmpty(lb, SCRAPE_NATIVE_HISTOGRAMS, Boolean.toString(cfg.scrapeNativeHistograms()));
        setIfEmpty(lb, ALWAYS_SCRAPE_CLASSIC, Boolean.toString(cfg.alwaysScrapeClassicHistograms()));
        setIfEmpty(lb, CONVERT_CLASSIC_TO_NHCB, Boolean.toString(cfg.convertClassicHistogramsToNhcb()));
        cfg.params().forEach((k, v) -> {
            if (!v.isEmpty()) {
                setIfEmpty(lb, PARAM_PREFIX + k, v.get(0));
            }
        });
        return lb.build();
    }

    private static void setIfEmpty(Labels.Builder lb, String name, String value) {
        if (orEmpty(lb.get(name)).isEmpty()) {
            lb.set(name, value);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Go's strconv.ParseBool; the config's value when the label is absent, null when invalid. */
    static Boolean parseBool(String s, boolean absent) {
        if (s == null) {
            return absent;
        }
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }
}
