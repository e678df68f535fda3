package dev.pharos.web.api;

import dev.pharos.model.LabelMatcher;
import dev.pharos.persistence.AuditLog;
import dev.pharos.service.StorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/** The TSDB admin API: delete_series, clean_tombstones, snapshot (POST or PUT). Role: admin. */
@Path("/admin/tsdb")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    StorageService storage;

    @Inject
    AuditLog audit;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @POST
    @Path("/delete_series")
    public Response deleteSeries() {
        ApiParams p = new ApiParams(uri, null);
        List<String> match = p.all("match[]");
        try {
            if (match.isEmpty()) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "no match[] parameter provided");
            }
            long start = p.time("start", Long.MIN_VALUE);
            long end = p.time("end", Long.MAX_VALUE);
            for (LabelMatcher[] ms : Selectors.parse(match)) {
                storage.tsdb().deleteSeries(start, end, ms);
            }
            record("tsdb.delete_series", String.join(" ", match), true, null);
            return Response.noContent().build();
        } catch (ApiParams.BadParameter e) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        } catch (IOException e) {
            record("tsdb.delete_series", String.join(" ", match), false, e.getMessage());
            return ApiResponse.error(ApiResponse.ErrorType.INTERNAL, e.getMessage());
        }
    }

    @PUT
    @Path("/delete_series")
    public Response deleteSeriesPut() {
        return deleteSeries();
    }

    @POST
    @Path("/clean_tombstones")
    public Response cleanTombstones() {
        try {
            storage.tsdb().cleanTombstones();
            record("tsdb.clean_tombstones", "", true, null);
            return Response.noContent().build();
        } catch (IOException e) {
            record("tsdb.clean_tombstones", "", false, e.getMessage());
            return ApiResponse.error(ApiResponse.ErrorType.INTERNAL, e.getMessage());
        }
    }

    @PUT
    @Path("/clean_tombstones")
    public Response cleanTombstonesPut() {
        return cleanTombstones();
    }

    @POST
    @Path("/snapshot")
    public Response snapshot() {
        ApiParams p = new ApiParams(uri, null);
        boolean skipHead = "true".equalsIgnoreCase(p.get("skip_head"));
        byte[] rnd = new byte[8];
        RANDOM.nextBytes(rnd);
        String name = SNAPSHOT_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(rnd);
        try {
            storage.tsdb().snapshot(name, !skipHead);
            record("tsdb.snapshot", name, true, null);
            return ApiResponse.success(json -> json.beginObject().member("name", name).endObject());
        } catch (IOException e) {
            record("tsdb.snapshot", name, false, e.getMessage());
            return ApiResponse.error(ApiResponse.ErrorType.INTERNAL, "create snapshot: " + e.getMessage());
        }
    }

    @PUT
    @Path("/snapshot")
    public Response snapshotPut() {
        return snapshot();
    }

    private void record(String action, String target, boolean ok, String detail) {
        audit.record(request.getRemoteUser(), action, target, request.getRemoteAddr(), ok, detail);
    }
}
