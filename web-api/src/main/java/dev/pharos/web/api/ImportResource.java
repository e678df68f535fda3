package dev.pharos.web.api;

import dev.pharos.persistence.AuditLog;
import dev.pharos.remote.OpenMetricsImport;
import dev.pharos.service.StorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * Backfill, {@code POST /api/v1/import/openmetrics}: OpenMetrics text with timestamps (what
 * {@code promtool tsdb create-blocks-from openmetrics} reads) written straight into blocks.
 * A malformed body is refused with 400 naming the line, and nothing of it is stored.
 * Role: admin; every call is audited.
 */
@Path("/import/openmetrics")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    StorageService storage;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @POST
    public Response importOpenMetrics(byte[] body) {
        String target = (body == null ? 0 : body.length) + " bytes";
        try {
            OpenMetricsImport.Result r = OpenMetricsImport.run(storage.tsdb(), body == null ? new byte[0] : body);
            storage.syncCatalog();
            record(true, r.series() + " series, " + r.samples() + " samples, " + r.blocks() + " blocks", target);
            return ApiResponse.success(json -> json.beginObject()
                    .member("series", r.series())
                    .member("samples", r.samples())
                    .member("blocks", r.blocks())
                    .member("minTime", r.minTime())
                    .member("maxTime", r.maxTime())
                    .endObject());
        } catch (OpenMetricsImport.InvalidImportException e) {
            record(false, e.getMessage(), target);
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
        } catch (IOException e) {
            record(false, e.getMessage(), target);
            return ApiResponse.error(ApiResponse.ErrorType.INTERNAL, "import: " + e.getMessage());
        }
    }

    private void record(boolean ok, String detail, String target) {
        audit.record(request.getRemoteUser(), "import.openmetrics", target, request.getRemoteAddr(), ok, detail);
    }
}
