package dev.pharos.web.api;

import dev.pharos.config.PromDurations;
import dev.pharos.json.JsonWriter;
import dev.pharos.model.Labels;
import dev.pharos.scrape.MetricMetadata;
import dev.pharos.scrape.ScrapePool;
import dev.pharos.scrape.Target;
import dev.pharos.service.ScrapeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/** /api/v1/targets and /api/v1/targets/metadata. Role: reader. */
@Path("/targets")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    @Inject
    ScrapeService scrape;

    @GET
    public Response targets(@QueryParam("state") @DefaultValue("any") String state,
                            @QueryParam("scrapePool") String scrapePool) {
        boolean active = state.isEmpty() || state.equalsIgnoreCase("any") || state.equalsIgnoreCase("active");
        boolean dropped = state.isEmpty() || state.equalsIgnoreCase("any") || state.equalsIgnoreCase("dropped");
        List<ScrapePool> pools = scrape.pools().stream()
                .filter(p -> scrapePool == null || scrapePool.isEmpty() || p.job().equals(scrapePool))
                .toList();
        return ApiResponse.success(json -> {
            json.beginObject();
            json.name("activeTargets").beginArray();
            if (active) {
                for (ScrapePool p : pools) {
                    for (Target t : p.activeTargets()) {
                        writeActive(json, t);
                    }
                }
            }
            json.endArray();
            json.name("droppedTargets").beginArray();
            if (dropped) {
                for (ScrapePool p : pools) {
                    for (Labels l : p.droppedTargets()) {
                        json.beginObject().name("discoveredLabels");
                        labels(json, l);
                        json.member("scrapePool", p.job()).endObject();
                    }
                }
            }
            json.endArray();
            json.name("droppedTargetCounts").beginObject();
            for (ScrapePool p : pools) {
                json.member(p.job(), p.droppedTargets().size());
            }
            json.endObject();
            json.endObject();
        });
    }

    private static void writeActive(JsonWriter json, Target t) throws IOException {
        json.beginObject();
        json.name("discoveredLabels");
        labels(json, t.discoveredLabels());
        json.name("labels");
        labels(json, t.labels());
        json.member("scrapePool", t.job())
                .member("scrapeUrl", t.url().toString())
                .member("globalUrl", globalUrl(t.url()))
                .member("lastError", t.lastError())
                .member("lastScrape", ApiTime.rfc3339(t.lastScrapeMillis()))
                .name("lastScrapeDuration").value(t.lastScrapeDurationSeconds())
                .member("health", t.health().wireName())
                .member("scrapeInterval", PromDurations.format(t.interval()))
                .member("scrapeTimeout", PromDurations.format(t.timeout()));
        json.endObject();
    }

    /** Prometheus shows loopback targets under the server's host name, so links work from elsewhere. */
    static String globalUrl(URI url) {
        String host = url.getHost();
        if (host == null) {
            return url.toString();
        }
        try {
            if (host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress()) {
                String name = InetAddress.getLocalHost().getHostName();
                return new URI(url.getScheme(), url.getUserInfo(), name, url.getPort(), url.getPath(),
                        url.getQuery(), url.getFragment()).toString();
            }
        } catch (Exception e) {
            // fall back to the scrape URL
        }
        return url.toString();
    }

    static void labels(JsonWriter json, Labels l) throws IOException {
        json.beginObject();
        for (int i = 0; i < l.size(); i++) {
            json.member(l.name(i), l.value(i));
        }
        json.endObject();
    }

    @GET
    @Path("/metadata")
    public Response metadata(@QueryParam("match_target") String matchTarget,
                             @QueryParam("metric") String metric,
                             @QueryParam("limit") @DefaultValue("-1") int limit) {
        TargetSelector selector;
        try {
            selector = TargetSelector.parse(matchTarget);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        }
        List<ScrapePool> pools = scrape.pools();
        return ApiResponse.success(json -> {
            json.beginArray();
            int n = 0;
            outer:
            for (ScrapePool p : pools) {
                for (Target t : p.activeTargets()) {
                    if (!selector.matches(t.labels())) {
                        continue;
                    }
                    for (MetricMetadata m : t.metadata().values()) {
                        if (metric != null && !metric.isEmpty() && !metric.equals(m.metric())) {
                            continue;
                        }
                        if (limit >= 0 && n >= limit) {
                            break outer;
                        }
                        n++;
                        json.beginObject().name("target");
                        labels(json, t.labels());
                        json.member("metric", m.metric())
                                .member("type", m.type().wireName())
                                .member("help", m.help())
                                .member("unit", m.unit())
                                .endObject();
                    }
                }
            }
            json.endArray();
        });
    }
}
