package dev.pharos.discovery;

import dev.pharos.model.Labels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A target ready to scrape, as produced by {@link TargetBuilder}.
 *
 * @param labels           the labels after relabeling, {@code __meta_*} removed, {@code instance}
 *                         defaulted; internal {@code __} labels (__address__, __scheme__, ...) are
 *                         still present, as on Prometheus's targets page
 * @param discoveredLabels the labels before relabeling (discovery labels plus job, __scheme__...)
 * @param params           URL parameters: the job's params with {@code __param_<name>} labels applied
 * @param unixSocket       the {@code __unix_socket__} label, or null
 */
public record ScrapeTarget(
        Labels labels,
        Labels discoveredLabels,
        String scheme,
        String address,
        String metricsPath,
        Map<String, List<String>> params,
        Duration interval,
        Duration timeout,
        boolean scrapeNativeHistograms,
        boolean alwaysScrapeClassicHistograms,
        boolean convertClassicHistogramsToNhcb,
        String unixSocket) {

    /** The labels attached to scraped series: those not starting with {@code __}. */
    public Labels publicLabels() {
        Labels.Builder b = new Labels.Builder();
        labels.forEach((n, v) -> {
            if (!n.startsWith("__")) {
                b.set(n, v);
            }
        });
        return b.build();
    }

    /** {@code scheme://address/path?params}, parameters sorted by name and query-escaped as Go does. */
    public String url() {
        StringBuilder sb = new StringBuilder();
        sb.append(scheme).append("://").append(address);
        if (!metricsPath.isEmpty() && !metricsPath.startsWith("/")) {
            sb.append('/');
        }
        sb.append(metricsPath);
        boolean first = true;
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(params).entrySet()) {
            for (String v : e.getValue()) {
                sb.append(first ? '?' : '&').append(queryEscape(e.getKey())).append('=').append(queryEscape(v));
                first = false;
            }
        }
        return sb.toString();
    }

    /** Go's url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay, space becomes '+'. */
    static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
