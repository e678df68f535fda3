package dev.pharos.web.api;

import dev.pharos.rules.Alert;
import dev.pharos.rules.AlertingRule;
import dev.pharos.rules.Rule;
import dev.pharos.rules.RuleGroup;
import dev.pharos.service.RuleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** /api/v1/alerts: the pending and firing alerts of every alerting rule. Role: reader. */
@Path("/alerts")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @Inject
    RuleService rules;

    @GET
    public Response alerts() {
        List<RuleGroup> groups = rules.groups();
        return ApiResponse.success(json -> {
            json.beginObject().name("alerts").beginArray();
            for (RuleGroup g : groups) {
                for (Rule r : g.rules()) {
                    if (r instanceof AlertingRule a) {
                        for (Alert al : a.activeAlerts()) {
                            RulesResource.writeAlert(json, al);
                        }
                    }
                }
            }
            json.endArray().endObject();
        });
    }
}
