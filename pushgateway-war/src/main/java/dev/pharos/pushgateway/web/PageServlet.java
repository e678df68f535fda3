package dev.pharos.pushgateway.web;

import dev.pharos.exposition.GoFloat;
import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.pushgateway.GroupingKey;
import dev.pharos.pushgateway.MetricGroup;
import dev.pharos.service.PushgatewayService;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * The page at {@code /} (role reader): every group with its metrics and last push times, and
 * a delete button whose DELETE request is authorised like any other (role pusher).
 */
@WebServlet(urlPatterns = "")
@ServletSecurity(@HttpConstraint(rolesAllowed = "reader"))
public class PageServlet extends HttpServlet {

    private static final int MAX_METRICS_SHOWN = 50;

    @EJB
    PushgatewayService service;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html; charset=utf-8");
        PrintWriter w = resp.getWriter();
        // Style and script are files of their own: the Content-Security-Policy allows nothing inline.
        w.println("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pharos Pushgateway</title>"
                + "<link rel=\"stylesheet\" href=\"page.css\"><script src=\"page.js\" defer></script></head><body>");
        w.println("<h1>Pharos Pushgateway</h1><p><a href=\"metrics\">/metrics</a> · <a href=\"api/v1/metrics\">"
                + "/api/v1/metrics</a> · <a href=\"api/v1/status\">/api/v1/status</a></p>");
        w.println("<p>" + service.groups().size() + " groups</p>");
        for (MetricGroup g : service.groups()) {
            w.print("<div class=\"group\"><h3>" + esc(g.key().toString()) + "</h3>");
            w.print("<p>last push: " + time(g.pushTimeMs()) + " · last failed push: <span"
                    + (g.lastPushSuccessful() ? "" : " class=\"failed\"") + ">" + time(g.failureTimeMs()) + "</span>");
            {
                // The DELETE it sends is itself behind the pusher role (PushServlet).
                w.print(" <button class=\"delete\" data-path=\"" + esc(GroupingKey.toPath(g.key()).substring(1))
                        + "\">Delete group</button>");
            }
            w.println("</p><table><tr><th>metric</th><th>type</th><th>labels</th><th>value</th></tr>");
            int shown = 0;
            for (MetricFamilyData f : g.families().values()) {
                for (MetricData m : f.metrics()) {
                    if (shown++ >= MAX_METRICS_SHOWN) {
                        break;
                    }
                    w.print("<tr><td>" + esc(f.name()) + "</td><td>" + f.type().wireName() + "</td><td>"
                            + esc(m.labels().toString()) + "</td><td>" + esc(value(f, m)) + "</td></tr>");
                }
            }
            w.println("</table>" + (g.metricCount() > MAX_METRICS_SHOWN ? "<p>… " + g.metricCount() + " metrics</p>" : "")
                    + "</div>");
        }
        w.println("</body></html>");
    }

    private static String value(MetricFamilyData f, MetricData m) {
        return switch (f.type()) {
            case SUMMARY, HISTOGRAM, GAUGEHISTOGRAM -> "count " + GoFloat.format(m.sampleCount()) + ", sum "
                    + GoFloat.format(m.sampleSum());
            default -> GoFloat.format(m.value());
        };
    }

    private static String time(long ms) {
        return ms == 0 ? "never" : Instant.ofEpochMilli(ms).toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

}
