package dev.pharos.pushgateway.web;

import dev.pharos.json.JsonWriter;
import dev.pharos.pushgateway.GatewayJson;
import dev.pharos.pushgateway.PushException;
import dev.pharos.service.PushgatewayService;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The original's query and admin API: {@code GET /api/v1/metrics}, {@code GET /api/v1/status}
 * (role reader) and {@code PUT /api/v1/admin/wipe} (role admin; 202).
 */
@WebServlet(urlPatterns = "/api/v1/*")
@ServletSecurity(value = @HttpConstraint(rolesAllowed = "reader"), httpMethodConstraints = {
    @HttpMethodConstraint(value = "PUT", rolesAllowed = "admin")})
public class ApiServlet extends HttpServlet {

    @EJB
    PushgatewayService service;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String p = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (p) {
            case "/metrics" -> {
                json(resp);
                try (OutputStream out = resp.getOutputStream(); JsonWriter w = new JsonWriter(out)) {
                    GatewayJson.metrics(service.groups(), w);
                }
                service.metrics().request(200, "api/v1/metrics", "get");
            }
            case "/status" -> {
                json(resp);
                try (OutputStream out = resp.getOutputStream(); JsonWriter w = new JsonWriter(out)) {
                    GatewayJson.status(service.buildInformation(), service.flags(), service.started(), w);
                }
                service.metrics().request(200, "api/v1/status", "get");
            }
            default -> PushServlet.text(resp, 404, "404 page not found\n");
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/admin/wipe".equals(req.getPathInfo())) {
            PushServlet.text(resp, 404, "404 page not found\n");
            return;
        }
        try {
            service.wipe(PushServlet.user(req), req.getRemoteAddr());
            resp.setStatus(202);
            service.metrics().request(202, "api/v1/admin/wipe", "put");
        } catch (PushException e) {
            PushServlet.error(resp, e);
            service.metrics().request(e.status(), "api/v1/admin/wipe", "put");
        }
    }

    private static void json(HttpServletResponse resp) {
        resp.setStatus(200);
        resp.setContentType("application/json");
    }
}
