package dev.pharos.web.api;

import dev.pharos.persistence.AuditEntry;
import dev.pharos.persistence.AuditLog;
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
import java.util.List;

/** GET /api/v1/audit: pages through the audit log, newest first. Role: admin. */
@Path("/audit")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @GET
    public Response page(@QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit <= 0 || limit > MAX_LIMIT) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA,
                    "offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
        }
        List<AuditEntry> entries = audit.page(offset, limit);
        return ApiResponse.success(json -> {
            json.beginArray();
            for (AuditEntry e : entries) {
                json.beginObject()
                        .member("id", e.id())
                        .member("time", e.at().toString())
                        .member("user", e.user())
                        .member("action", e.action())
                        .member("target", e.target())
                        .member("remote", e.remote())
                        .member("outcome", e.outcome())
                        .member("detail", e.detail())
                        .endObject();
            }
            json.endArray();
        });
    }
}
