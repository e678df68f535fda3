package dev.pharos.web.api;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import dev.pharos.persistence.MetricMetadataEntry;
import dev.pharos.scrape.MetricMetadata;
import dev.pharos.scrape.ScrapePool;
import dev.pharos.scrape.Target;
import dev.pharos.service.ScrapeService;
import dev.pharos.service.StorageService;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.Series;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Series metadata: /api/v1/series, /api/v1/labels, /api/v1/label/{name}/values and
 * /api/v1/metadata, GET or form POST, as Prometheus answers them. Role: reader.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    private static final String TRUNCATED = "results truncated due to limit";

    @Inject
    StorageService storage;

    @Inject
    ScrapeService scrape;

    @Context
    UriInfo uri;

    @GET
    @Path("series")
    public Response seriesGet() {
        return series(new ApiParams(uri, null));
    }

    @POST
    @Path("series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response seriesPost(MultivaluedMap<String, String> form) {
        return series(new ApiParams(uri, form));
    }

    @GET
    @Path("labels")
    public Response labelsGet() {
        return labels(new ApiParams(uri, null));
    }

    @POST
    @Path("labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response labelsPost(MultivaluedMap<String, String> form) {
        return labels(new ApiParams(uri, form));
    }

    @GET
    @Path("label/{name}/values")
    public Response labelValues(@PathParam("name") String name) {
        ApiParams p = new ApiParams(uri, null);
        try {
            String label = LabelNames.decode(name);
            long start = p.time("start", ApiParams.MIN_TIME);
            long end = p.time("end", ApiParams.MAX_TIME);
            int limit = limit(p);
            List<LabelMatcher[]> sets = Selectors.parse(p.all("match[]"));
            TreeSet<String> values = new TreeSet<>();
            try (Querier q = storage.storage().querier(start, end)) {
                if (sets.isEmpty()) {
                    values.addAll(q.labelValues(label));
                } else {
                    for (LabelMatcher[] ms : sets) {
                        values.addAll(q.labelValues(label, ms));
                    }
                }
            }
            return strings(values, limit);
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        }
    }

    @GET
    @Path("metadata")
    public Response metadata() {
        ApiParams p = new ApiParams(uri, null);
        int limit;
        int perMetric;
        try {
            limit = intParam(p, "limit");
            perMetric = intParam(p, "limit_per_metric");
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        }
        String metric = p.get("metric");
        Map<String, Set<MetricMetadata>> byMetric = new TreeMap<>();
        for (ScrapePool pool : scrape.pools()) {
            for (Target t : pool.activeTargets()) {
                for (MetricMetadata m : t.metadata().values()) {
                    if (metric != null && !metric.isEmpty() && !metric.equals(m.metric())) {
                        continue;
                    }
                    byMetric.computeIfAbsent(m.metric(), k -> new LinkedHashSet<>()).add(m);
                }
            }
        }
        // Metrics no target exposes right now (or not yet, just after a restart) keep the
        // metadata last stored for them.
        for (MetricMetadataEntry e : scrape.storedMetadata()) {
            if ((metric == null || metric.isEmpty() || metric.equals(e.metric())) && !byMetric.containsKey(e.metric())) {
                MetricType type = MetricType.fromWire(e.type());
                byMetric.computeIfAbsent(e.metric(), k -> new LinkedHashSet<>())
                        .add(new MetricMetadata(e.metric(), type, e.help(), e.unit()));
            }
        }
        return ApiResponse.success(json -> {
            json.beginObject();
            int n = 0;
            for (Map.Entry<String, Set<MetricMetadata>> e : byMetric.entrySet()) {
                if (limit > 0 && n++ >= limit) {
                    break;
                }
                json.name(e.getKey()).beginArray();
                int k = 0;
                for (MetricMetadata m : e.getValue()) {
                    if (perMetric > 0 && k++ >= perMetric) {
                        break;
                    }
                    json.beginObject().member("type", m.type().wireName()).member("help", m.help())
                            .member("unit", m.unit()).endObject();
                }
                json.endArray();
            }
            json.endObject();
        });
    }

    private Response series(ApiParams p) {
        try {
            List<String> match = p.all("match[]");
            if (match.isEmpty()) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "no match[] parameter provided");
            }
            long start = p.time("start", ApiParams.MIN_TIME);
            long end = p.time("end", ApiParams.MAX_TIME);
            int limit = limit(p);
            List<LabelMatcher[]> sets = Selectors.parse(match);
            TreeSet<Labels> result = new TreeSet<>();
            try (Querier q = storage.storage().querier(start, end)) {
                for (LabelMatcher[] ms : sets) {
                    for (Series s : q.select(ms)) {
                        result.add(s.labels());
                    }
                }
            }
            boolean truncated = limit > 0 && result.size() > limit;
            List<Labels> out = new ArrayList<>(result);
            List<Labels> page = truncated ? out.subList(0, limit) : out;
            return ApiResponse.success(json -> {
                json.beginArray();
                for (Labels l : page) {
                    ResultWriter.labels(json, l);
                }
                json.endArray();
            }, truncated ? List.of(TRUNCATED) : List.of(), List.of());
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        }
    }

    private Response labels(ApiParams p) {
        try {
            long start = p.time("start", ApiParams.MIN_TIME);
            long end = p.time("end", ApiParams.MAX_TIME);
            int limit = limit(p);
            List<LabelMatcher[]> sets = Selectors.parse(p.all("match[]"));
            TreeSet<String> names = new TreeSet<>();
            try (Querier q = storage.storage().querier(start, end)) {
                if (sets.isEmpty()) {
                    names.addAll(q.labelNames());
                } else {
                    for (LabelMatcher[] ms : sets) {
                        names.addAll(q.labelNames(ms));
                    }
                }
            }
            return strings(names, limit);
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        }
    }

    private static Response strings(TreeSet<String> values, int limit) {
        boolean truncated = limit > 0 && values.size() > limit;
        List<String> out = new ArrayList<>(values);
        List<String> page = truncated ? out.subList(0, limit) : out;
        return ApiResponse.success(json -> {
            json.beginArray();
            for (String v : page) {
                json.value(v);
            }
            json.endArray();
        }, truncated ? List.of(TRUNCATED) : List.of(), List.of());
    }

    private static int limit(ApiParams p) throws ApiParams.BadParameter {
        int l = intParam(p, "limit");
        if (l < 0) {
            throw new ApiParams.BadParameter("limit", "limit must be non-negative");
        }
        return l;
    }

    private static int intParam(ApiParams p, String name) throws ApiParams.BadParameter {
        if (!p.has(name)) {
            return 0;
        }
        try {
            return Integer.parseInt(p.get(name));
        } catch (NumberFormatException e) {
            throw new ApiParams.BadParameter(name, "cannot parse \"" + p.get(name) + "\" to a valid limit");
        }
    }
}
