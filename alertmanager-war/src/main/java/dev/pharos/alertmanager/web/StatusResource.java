package dev.pharos.alertmanager.web;

import dev.pharos.service.AlertmanagerService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /api/v2/status and /api/v2/receivers. Role: reader. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class StatusResource {

    @EJB
    AlertmanagerService am;

    @GET
    @Path("status")
    public Response status() {
        return ApiErrors.json(am.api().getStatus());
    }

    @GET
    @Path("receivers")
    public Response receivers() {
        return ApiErrors.json(am.api().getReceivers());
    }
}
