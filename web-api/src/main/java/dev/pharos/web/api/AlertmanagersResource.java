package dev.pharos.web.api;

import dev.pharos.notifier.AlertmanagerSet;
import dev.pharos.service.NotifierService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** /api/v1/alertmanagers: discovered Alertmanagers, active and dropped by relabeling. Role: reader. */
@Path("/alertmanagers")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagersResource {

    @Inject
    NotifierService notifier;

    @GET
    public Response alertmanagers() {
        List<AlertmanagerSet> sets = notifier.notifier().sets();
        return ApiResponse.success(json -> {
            json.beginObject().name("activeAlertmanagers").beginArray();
            for (AlertmanagerSet s : sets) {
                for (String u : s.activeUrls()) {
                    json.beginObject().member("url", u).endObject();
                }
            }
            json.endArray().name("droppedAlertmanagers").beginArray();
            for (AlertmanagerSet s : sets) {
                for (String u : s.droppedUrls()) {
                    json.beginObject().member("url", u).endObject();
                }
            }
            json.endArray().endObject();
        });
    }
}
