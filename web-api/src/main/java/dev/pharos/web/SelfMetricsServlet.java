package dev.pharos.web;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import dev.pharos.web.api.Roles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/**
 * Pharos's own metrics at /metrics on :9090, from the default registry of the Prometheus
 * Java client (content negotiation for text, OpenMetrics and protobuf is the library's).
 * Role: reader.
 */
@WebServlet(urlPatterns = "/metrics")
@ServletSecurity(@HttpConstraint(rolesAllowed = Roles.READER))
public class SelfMetricsServlet extends PrometheusMetricsServlet {
    private static final long serialVersionUID = 1L;
}
