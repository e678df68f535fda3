package dev.pharos.web;

import dev.pharos.config.ConfigException;
import dev.pharos.persistence.AuditLog;
import dev.pharos.service.ConfigService;
import dev.pharos.web.api.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /-/reload} of the server face (POST or PUT), as Prometheus answers it: 200 on success,
 * 500 with the reason when the file is invalid (the running configuration stays). Role: admin.
 */
@WebServlet("/-/reload")
@ServletSecurity(@HttpConstraint(rolesAllowed = Roles.ADMIN))
public class ReloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ConfigService config;

    @Inject
    AuditLog audit;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getRemoteUser();
        try {
            config.reload();
            audit.record(user, "reload", "prometheus.yml", req.getRemoteAddr(), true, null);
        } catch (ConfigException e) {
            audit.record(user, "reload", "prometheus.yml", req.getRemoteAddr(), false, e.getMessage());
            resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("failed to reload config: " + e.getMessage() + "\n");
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doPost(req, resp);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().write("Only POST or PUT requests allowed");
    }
}
