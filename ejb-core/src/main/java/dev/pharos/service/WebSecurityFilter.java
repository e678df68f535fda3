package dev.pharos.service;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The browser-facing defences of every face, declared in each WAR's web.xml:
 * <ul>
 * <li>security headers and a strict Content-Security-Policy on every answer (the pages load
 * only their own scripts and styles, nothing inline, and may not be framed), plus the
 * headers an operator set in the web.config.file;</li>
 * <li>cross-site request forgery: a state-changing request (POST, PUT, DELETE, PATCH) that a
 * browser sent from another origin is refused with 403. Browsers always send {@code Origin}
 * on such requests and attach stored basic-auth credentials, so comparing it with the
 * request's own host is enough; command-line tools, exporters and Prometheus send no
 * {@code Origin} and are not affected. Queries sent by POST stay open to other origins
 * (Grafana in browser mode), since they change nothing.</li>
 * <li>a limit on request bodies ({@link SecurityService#maxRequestBytes()}): a declared larger
 * body is answered 413 at once; a chunked body that grows beyond it fails while being read.</li>
 * </ul>
 */
public class WebSecurityFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Only this origin's scripts, styles, images and connections; no inline script, no framing. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** POST endpoints that only read, as Prometheus allows them from any origin. */
    static final Set<String> READ_ONLY_POSTS = Set.of("/api/v1/query", "/api/v1/query_range", "/api/v1/series",
            "/api/v1/labels", "/api/v1/query_exemplars", "/api/v1/format_query", "/api/v1/parse_query",
            "/api/v1/read");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Inject
    SecurityService security;

    // Fixed once SecurityService has started: read once here, not through the EJB on every request.
    private Map<String, String> configuredHeaders;
    private long maxRequestBytes;
    private long maxImportBytes;

    @Override
    public void init() throws ServletException {
        configuredHeaders = security.headers();
        maxRequestBytes = security.maxRequestBytes();
        maxImportBytes = security.maxImportBytes();
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("Content-Security-Policy", CSP);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (req.isSecure()) {
            res.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        for (Map.Entry<String, String> h : configuredHeaders.entrySet()) {
            if (h.getValue().isEmpty()) {
                res.setHeader(h.getKey(), null);
            } else {
                res.setHeader(h.getKey(), h.getValue());
            }
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!SAFE_METHODS.contains(req.getMethod()) && !READ_ONLY_POSTS.contains(path)
                && isCrossOrigin(req.getHeader("Origin"), req.getHeader("Host"), req.getHeader("Sec-Fetch-Site"))) {
            res.setStatus(HttpServletResponse.SC_FORBIDDEN);
            res.setContentType("text/plain; charset=utf-8");
            res.getWriter().write("cross-origin " + req.getMethod() + " refused: the request came from "
                    + req.getHeader("Origin") + ", a page of another site\n");
            return;
        }
        // Backfill takes whole exports (hundreds of MB, admin only): a limit of its own.
        boolean isImport = path.startsWith("/api/v1/import/");
        long max = isImport ? maxImportBytes : maxRequestBytes;
        long declared = req.getContentLengthLong();
        if (declared > max) {
            res.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            res.setContentType("text/plain; charset=utf-8");
            res.getWriter().write("request body of " + declared + " bytes is larger than the limit of " + max
                    + " bytes (" + (isImport ? "PHAROS_WEB_MAX_IMPORT_BYTES"
                    : "PHAROS_WEB_MAX_REQUEST_BYTES") + ")\n");
            return;
        }
        chain.doFilter(declared < 0 && !SAFE_METHODS.contains(req.getMethod()) ? new LimitedBodyRequest(req, max) : req,
                res);
    }

    /** Whether a browser sent the request from a page of another origin. */
    static boolean isCrossOrigin(String origin, String host, String fetchSite) {
        if ("cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) {
            return true;
        }
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        if (origin.equals("null")) {
            return true; // sandboxed frames, data: URLs, file: pages
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null || host == null) {
                return true;
            }
            int port = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            String originHostPort = o.getHost() + ":" + port;
            String requestHostPort = host.contains(":") && !host.endsWith("]") ? host : host + ":" + port;
            return !originHostPort.equalsIgnoreCase(requestHostPort);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
