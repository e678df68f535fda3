package dev.pharos.alertmanager.web;

import dev.pharos.persistence.AuditLog;
import dev.pharos.service.AlertmanagerService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * POST (or PUT) /-/reload re-reads alertmanager.yml; an invalid file keeps the running
 * configuration and answers 500 with the reason, as the original. Role: admin.
 */
@WebServlet("/-/reload")
@ServletSecurity(@HttpConstraint(rolesAllowed = Roles.ADMIN))
public class ReloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    AlertmanagerService am;

    @Inject
    AuditLog audit;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String error = am.reload();
        audit.record(req.getRemoteUser(), "reload", "alertmanager.yml", req.getRemoteAddr(), error == null, error);
        if (error != null) {
            resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("failed to reload config: " + error + "\n");
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doPost(req, resp);
    }
}
