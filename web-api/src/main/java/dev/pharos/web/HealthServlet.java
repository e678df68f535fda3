package dev.pharos.web;

import dev.pharos.service.StorageService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /-/healthy} and {@code /-/ready} of the server face, answered as Prometheus answers
 * them. Open to everyone on purpose (no role): load balancers probe them without credentials.
 */
@WebServlet(urlPatterns = {"/-/healthy", "/-/ready"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    StorageService storage;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain; charset=utf-8");
        if ("/-/healthy".equals(req.getServletPath())) {
            resp.getWriter().write("Prometheus Server is Healthy.\n");
        } else if (storage.isReady()) {
            resp.getWriter().write("Prometheus Server is Ready.\n");
        } else {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.getWriter().write("Service Unavailable");
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) {
        if ("/-/ready".equals(req.getServletPath()) && !storage.isReady()) {
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
