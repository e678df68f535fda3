package dev.pharos.pushgateway.web;

import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.pushgateway.GatewayExposition;
import dev.pharos.pushgateway.GatewayMetrics;
import dev.pharos.pushgateway.GroupingKey;
import dev.pharos.pushgateway.PushBody;
import dev.pharos.pushgateway.PushException;
import dev.pharos.pushgateway.RateLimiter;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The push API and the scrape endpoint of the Pushgateway face: {@code PUT}/{@code POST}/
 * {@code DELETE /metrics/job/<job>{/<label>/<value>}} (role pusher) and {@code GET /metrics}
 * (role reader), answered with the original's status codes: 200 for a push, 202 for a
 * delete, 400 with the reason for a bad or inconsistent push; Pharos adds 413 (body over
 * {@code pharos.push.max-body-bytes}) and 429 (over {@code pharos.push.rate-limit}). A group's
 * own expiry can be set with the request header {@code Pharos-Push-Expiry: <duration>}.
 */
@WebServlet(urlPatterns = {"/metrics", "/metrics/*"})
@ServletSecurity(value = @HttpConstraint(rolesAllowed = "reader"), httpMethodConstraints = {
    @HttpMethodConstraint(value = "PUT", rolesAllowed = "pusher"),
    @HttpMethodConstraint(value = "POST", rolesAllowed = "pusher"),
    @HttpMethodConstraint(value = "DELETE", rolesAllowed = "pusher")})
public class PushServlet extends HttpServlet {

    public static final String EXPIRY_HEADER = "Pharos-Push-Expiry";

    @EJB
    PushgatewayService service;

    // Fixed once the service started; held here because every call through the EJB proxy
    // costs a container round trip, a few percent of a push each.
    private GatewayMetrics metrics;
    private RateLimiter rateLimiter;
    private long maxBodyBytes;

    @Override
    public void init() {
        metrics = service.metrics();
        rateLimiter = service.rateLimiter();
        maxBodyBytes = service.maxBodyBytes();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!groupPath(req).isEmpty()) {
            text(resp, 405, "Method Not Allowed");
            return;
        }
        String accept = req.getHeader("Accept");
        GatewayExposition f = GatewayExposition.forAccept(accept);
        List<MetricFamilyData> families = service.gather();
        resp.setStatus(200);
        resp.setContentType(f.contentType());
        try (OutputStream out = resp.getOutputStream()) {
            f.write(families, accept, out);
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        push(req, resp, true);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        push(req, resp, false);
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        GatewayMetrics m = metrics;
        int code;
        try {
            limit(req);
            Labels key = GroupingKey.parse(groupPath(req));
            service.delete(key, user(req), req.getRemoteAddr());
            code = 202;
            resp.setStatus(code);
        } catch (PushException e) {
            code = e.status();
            error(resp, e);
        }
        m.request(code, "delete", "delete");
    }

    private void push(HttpServletRequest req, HttpServletResponse resp, boolean replace) throws IOException {
        long t0 = System.nanoTime();
        String method = req.getMethod().toLowerCase(Locale.ROOT);
        GatewayMetrics m = metrics;
        long size = 0;
        int code;
        try {
            limit(req);
            long max = maxBodyBytes;
            if (max > 0 && req.getContentLengthLong() > max) {
                throw new PushException(413, "request body exceeds the limit of " + max + " bytes");
            }
            Labels key = GroupingKey.parse(groupPath(req));
            long expiryMs = expiry(req.getHeader(EXPIRY_HEADER));
            byte[] body = PushBody.read(req.getInputStream(), req.getHeader("Content-Encoding"), max);
            size = body.length;
            List<MetricFamilyData> families = PushBody.parse(req.getContentType(), body);
            service.push(key, families, replace, expiryMs);
            code = 200;
            resp.setStatus(code);
        } catch (PushException e) {
            code = e.status();
            error(resp, e);
        }
        m.request(code, "push", method);
        m.push(method, size, (System.nanoTime() - t0) / 1e9);
    }

    private void limit(HttpServletRequest req) throws PushException {
        if (!rateLimiter.tryAcquire(req.getRemoteAddr(), System.nanoTime())) {
            throw new PushException(429, "too many requests from " + req.getRemoteAddr()
                    + ": over the rate limit of pushes per second");
        }
    }

    private static long expiry(String header) throws PushException {
        if (header == null) {
            return 0;
        }
        try {
            return PushgatewayService.durationMs(header);
        } catch (IllegalArgumentException e) {
            throw new PushException(400, "invalid " + EXPIRY_HEADER + " header: " + e.getMessage());
        }
    }

    /** The raw (undecoded) path after {@code /metrics}: base64 and %2F stay intact. */
    static String groupPath(HttpServletRequest req) {
        String uri = req.getRequestURI().substring(req.getContextPath().length());
        return uri.length() <= "/metrics".length() ? "" : uri.substring("/metrics".length());
    }

    static String user(HttpServletRequest req) {
        return req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName();
    }

    static void error(HttpServletResponse resp, PushException e) throws IOException {
        if (e.status() == 429) {
            resp.setHeader("Retry-After", "1");
        }
        text(resp, e.status(), e.getMessage() + "\n");
    }

    static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
