package dev.pharos.alertmanager.web;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.api.ApiException;
import dev.pharos.persistence.AuditLog;
import dev.pharos.service.AlertmanagerService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * /api/v2/silences and /api/v2/silence/{id}. GET: reader; create and expire: silencer (both
 * recorded in the audit log).
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {

    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");

    @EJB
    AlertmanagerService am;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @GET
    @Path("silences")
    @RolesAllowed(Roles.READER)
    public Response list(@QueryParam("filter") List<String> filter) {
        return ApiErrors.json(am.api().getSilences(filter == null ? List.of() : filter));
    }

    @POST
    @Path("silences")
    @RolesAllowed(Roles.SILENCER)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response create(String body) {
        Object parsed;
        try {
            parsed = Json.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badBody("silence", e.getMessage());
        }
        String target = parsed instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : "new";
        try {
            Map<String, Object> r = am.api().postSilence(parsed);
            audit.record(user(), "silence.create", String.valueOf(r.get("silenceID")), request.getRemoteAddr(),
                    true, body.length() > 1500 ? body.substring(0, 1500) : body);
            return ApiErrors.json(r);
        } catch (ApiException e) {
            audit.record(user(), "silence.create", target, request.getRemoteAddr(), false, e.getMessage());
            throw e;
        }
    }

    @GET
    @Path("silence/{silenceID}")
    @RolesAllowed(Roles.READER)
    public Response get(@PathParam("silenceID") String id) {
        checkUuid(id);
        return ApiErrors.json(am.api().getSilence(id));
    }

    @DELETE
    @Path("silence/{silenceID}")
    @RolesAllowed(Roles.SILENCER)
    public Response expire(@PathParam("silenceID") String id) {
        checkUuid(id);
        try {
            am.api().deleteSilence(id);
            audit.record(user(), "silence.expire", id, request.getRemoteAddr(), true, null);
            return Response.ok().build();
        } catch (ApiException e) {
            audit.record(user(), "silence.expire", id, request.getRemoteAddr(), false, e.getMessage());
            throw e;
        }
    }

    /** The original's path parameter is format uuid (go-openapi InvalidType, code 605... as 422). */
    private static void checkUuid(String id) {
        if (!UUID.matcher(id).matches()) {
            throw new ApiErrors.Invalid(ApiErrors.validation(422, 605,
                    "silenceID in path must be of type uuid: \"" + id + "\""));
        }
    }

    private String user() {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
}
