package dev.pharos.web.api;

import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.QueryException;
import dev.pharos.promql.QueryOptions;
import dev.pharos.promql.QueryResult;
import dev.pharos.promql.ast.AstJson;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.Pretty;
import dev.pharos.service.ClientConnection;
import dev.pharos.service.QueryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PromQL over HTTP: /api/v1/query, /api/v1/query_range, /api/v1/format_query,
 * /api/v1/parse_query and /api/v1/query_exemplars, GET or form POST. Role: reader.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    /** Prometheus refuses range queries that would return more points per series. */
    static final long MAX_POINTS = 11_000;

    @Inject
    QueryService queries;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    @Path("query")
    public Response queryGet() {
        return query(new ApiParams(uri, null));
    }

    @POST
    @Path("query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response queryPost(MultivaluedMap<String, String> form) {
        return query(new ApiParams(uri, form));
    }

    @GET
    @Path("query_range")
    public Response rangeGet() {
        return range(new ApiParams(uri, null));
    }

    @POST
    @Path("query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rangePost(MultivaluedMap<String, String> form) {
        return range(new ApiParams(uri, form));
    }

    @GET
    @Path("format_query")
    public Response formatGet() {
        return format(new ApiParams(uri, null));
    }

    @POST
    @Path("format_query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response formatPost(MultivaluedMap<String, String> form) {
        return format(new ApiParams(uri, form));
    }

    @GET
    @Path("parse_query")
    public Response parseGet() {
        return parse(new ApiParams(uri, null));
    }

    @POST
    @Path("parse_query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response parsePost(MultivaluedMap<String, String> form) {
        return parse(new ApiParams(uri, form));
    }

    @GET
    @Path("query_exemplars")
    public Response exemplarsGet() {
        return exemplars(new ApiParams(uri, null));
    }

    @POST
    @Path("query_exemplars")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response exemplarsPost(MultivaluedMap<String, String> form) {
        return exemplars(new ApiParams(uri, form));
    }

    private Response query(ApiParams p) {
        try {
            long time = p.time("time", System.currentTimeMillis());
            QueryOptions qo = options(p);
            int limit = limit(p);
            String q = orEmpty(p.get("query"));
            long t0 = System.nanoTime();
            QueryResult r = queries.instant(q, time, qo);
            return result(r, limit, "all".equals(p.get("stats")), System.nanoTime() - t0);
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        } catch (QueryException e) {
            return queryError(e);
        }
    }

    private Response range(ApiParams p) {
        try {
            long start = p.time("start", Long.MIN_VALUE);
            if (!p.has("start")) {
                throw new ApiParams.BadParameter("start", "cannot parse \"\" to a valid timestamp");
            }
            long end = p.time("end", Long.MIN_VALUE);
            if (!p.has("end")) {
                throw new ApiParams.BadParameter("end", "cannot parse \"\" to a valid timestamp");
            }
            if (end < start) {
                throw new ApiParams.BadParameter("end", "end timestamp must not be before start time");
            }
            if (!p.has("step")) {
                throw new ApiParams.BadParameter("step", "cannot parse \"\" to a valid duration");
            }
            long step = p.duration("step", 0);
            if (step <= 0) {
                throw new ApiParams.BadParameter("step",
                        "zero or negative query resolution step widths are not accepted. Try a positive integer");
            }
            if ((end - start) / step > MAX_POINTS) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA,
                        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
            }
            QueryOptions qo = options(p);
            int limit = limit(p);
            long t0 = System.nanoTime();
            QueryResult r = queries.range(orEmpty(p.get("query")), start, end, step, qo);
            return result(r, limit, "all".equals(p.get("stats")), System.nanoTime() - t0);
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        } catch (QueryException e) {
            return queryError(e);
        }
    }

    private Response format(ApiParams p) {
        try {
            Expr e = QueryEngine.parse(orEmpty(p.get("query")));
            String text = Pretty.format(e);
            return ApiResponse.success(json -> json.value(text));
        } catch (QueryException e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "invalid parameter \"query\": " + e.getMessage());
        }
    }

    private Response parse(ApiParams p) {
        try {
            Expr e = QueryEngine.parse(orEmpty(p.get("query")));
            Object tree = AstJson.toMap(e);
            return ApiResponse.success(json -> json.tree(tree));
        } catch (QueryException e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "invalid parameter \"query\": " + e.getMessage());
        }
    }

    /** Exemplars are not stored yet: the query is validated and the answer is an empty list. */
    private Response exemplars(ApiParams p) {
        try {
            p.time("start", 0);
            p.time("end", 0);
            QueryEngine.parse(orEmpty(p.get("query")));
            return ApiResponse.success(json -> json.beginArray().endArray());
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        } catch (QueryException e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "invalid parameter \"query\": " + e.getMessage());
        }
    }

    /** Per-query options; the query stops when its client closes the connection (Prometheus: "canceled"). */
    private QueryOptions options(ApiParams p) throws ApiParams.BadParameter {
        QueryOptions qo = QueryOptions.DEFAULT.withCancel(ClientConnection.watch(request.getLocalPort(), request.getRemotePort()));
        if (p.has("timeout")) {
            qo = qo.withTimeout(Duration.ofMillis(p.duration("timeout", 0)));
        }
        if (p.has("lookback_delta")) {
            qo = qo.withLookbackDelta(Duration.ofMillis(p.duration("lookback_delta", 0)));
        }
        return qo;
    }

    private static int limit(ApiParams p) throws ApiParams.BadParameter {
        if (!p.has("limit")) {
            return 0;
        }
        try {
            int l = Integer.parseInt(p.get("limit"));
            if (l < 0) {
                throw new ApiParams.BadParameter("limit", "limit must be non-negative");
            }
            return l;
        } catch (NumberFormatException e) {
            throw new ApiParams.BadParameter("limit", "cannot parse \"" + p.get("limit") + "\" to a valid limit");
        }
    }

    private static Response result(QueryResult r, int limit, boolean stats, long nanos) {
        List<String> warnings = new ArrayList<>(r.warnings());
        if (limit > 0 && ResultWriter.seriesCount(r.value()) > limit) {
            warnings.add("results truncated due to limit");
        }
        return ApiResponse.success(json -> ResultWriter.write(json, r, limit, stats, nanos), warnings, r.infos());
    }

    private static Response queryError(QueryException e) {
        return switch (e.errorType()) {
            case BAD_DATA -> ApiResponse.error(ApiResponse.ErrorType.BAD_DATA,
                    e.getMessage().startsWith("invalid parameter") ? e.getMessage() : "invalid parameter \"query\": " + e.getMessage());
            case EXECUTION -> ApiResponse.error(ApiResponse.ErrorType.EXECUTION, e.getMessage());
            case TIMEOUT -> ApiResponse.error(ApiResponse.ErrorType.TIMEOUT, e.getMessage());
            case CANCELED -> ApiResponse.error(ApiResponse.ErrorType.CANCELED, e.getMessage());
            default -> ApiResponse.error(ApiResponse.ErrorType.INTERNAL, e.getMessage());
        };
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
