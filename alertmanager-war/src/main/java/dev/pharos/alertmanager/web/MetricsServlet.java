package dev.pharos.alertmanager.web;

import dev.pharos.service.AlertmanagerService;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** /metrics of the Alertmanager face, with the original's metric names. Role: reader. */
@WebServlet("/metrics")
@ServletSecurity(@HttpConstraint(rolesAllowed = Roles.READER))
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    AlertmanagerService am;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.getWriter().write(am.metricsText());
    }
}
