package dev.pharos.alertmanager.web;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.api.AlertQuery;
import dev.pharos.service.AlertmanagerService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** /api/v2/alerts and /api/v2/alerts/groups. GET: reader; POST: alert-sender. */
@Path("/alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @EJB
    AlertmanagerService am;

    @GET
    @RolesAllowed(Roles.READER)
    public Response alerts(@QueryParam("active") String active, @QueryParam("silenced") String silenced,
            @QueryParam("inhibited") String inhibited, @QueryParam("unprocessed") String unprocessed,
            @QueryParam("filter") List<String> filter, @QueryParam("receiver") String receiver) {
        AlertQuery q = new AlertQuery(ApiErrors.bool("active", active, true),
                ApiErrors.bool("silenced", silenced, true), ApiErrors.bool("inhibited", inhibited, true),
                ApiErrors.bool("unprocessed", unprocessed, true), true, filter == null ? List.of() : filter,
                receiver);
        return ApiErrors.json(am.api().getAlerts(q));
    }

    @POST
    @RolesAllowed(Roles.ALERT_SENDER)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response post(String body) {
        Object parsed;
        try {
            parsed = Json.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badBody("alerts", e.getMessage());
        }
        am.api().postAlerts(parsed);
        return Response.ok().build();
    }

    @GET
    @Path("/groups")
    @RolesAllowed(Roles.READER)
    public Response groups(@QueryParam("active") String active, @QueryParam("silenced") String silenced,
            @QueryParam("inhibited") String inhibited, @QueryParam("muted") String muted,
            @QueryParam("filter") List<String> filter, @QueryParam("receiver") String receiver) {
        AlertQuery q = new AlertQuery(ApiErrors.bool("active", active, true),
                ApiErrors.bool("silenced", silenced, true), ApiErrors.bool("inhibited", inhibited, true), true,
                ApiErrors.bool("muted", muted, true), filter == null ? List.of() : filter, receiver);
        return ApiErrors.json(am.api().getAlertGroups(q));
    }
}
