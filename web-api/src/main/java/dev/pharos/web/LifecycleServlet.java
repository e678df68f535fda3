package dev.pharos.web;

import dev.pharos.config.ConfigException;
import dev.pharos.persistence.AuditLog;
import dev.pharos.service.ConfigService;
import dev.pharos.service.StorageService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The management endpoints of the server face, answered as Prometheus answers them.
 * {@code /-/healthy} and {@code /-/ready} are open to everyone (no role): load balancers
 * probe them without credentials. {@code /-/reload} (POST or PUT) belongs to the admin role.
 */
@WebServlet(urlPatterns = {"/-/healthy", "/-/ready", "/-/reload"})
public class LifecycleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    @Inject
    AuditLog audit;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/-/reload".equals(req.getServletPath())) {
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
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
        resp.setContentType("text/plain; charset=utf-8");
        String path = req.getServletPath();
        if ("/-/reload".equals(path)) {
            resp.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            resp.getWriter().write("Only POST or PUT requests allowed");
            return;
        }
        if ("/-/healthy".equals(path)) {
            resp.getWriter().write("Prometheus Server is Healthy.\n");
        } else if (storage.isReady()) {
            resp.getWriter().write("Prometheus Server is Ready.\n");
        } else {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.getWriter().write("Service Unavailable");
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/-/ready".equals(req.getServletPath()) && !storage.isReady()) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
