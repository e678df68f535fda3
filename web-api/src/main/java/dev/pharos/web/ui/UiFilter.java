package dev.pharos.web.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Serves the browser UI of web-ui at Prometheus 3's page paths (security headers come from
 * dev.pharos.service.WebSecurityFilter, declared in web.xml).
 *
 * <p>The UI is a single page: /query, /targets, ... all answer index.html and the script picks
 * the page from the path. The 2.x path "/graph" redirects to /query, keeping the query string,
 * so links from Grafana and alert annotations (/graph?g0.expr=...) keep working. "/" answers
 * the page too (plain HTTP clients keep getting 200 there) and the script moves the address
 * to /query.
 *
 * <p>The pages and their assets need the role reader (web.xml); every /api/v1 call a page
 * makes is checked by that endpoint's @RolesAllowed.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UiFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The page paths of Prometheus 3's UI. */
    static final Set<String> PAGES = Set.of("/query", "/alerts", "/rules", "/targets", "/service-discovery",
            "/config", "/flags", "/status", "/tsdb-status");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.equals("/graph") || path.equals("/graph/")) {
            String qs = req.getQueryString();
            res.sendRedirect(req.getContextPath() + "/query" + (qs == null || qs.isEmpty() ? "" : "?" + qs));
            return;
        }
        String page = path.equals("/") ? "/query"
                : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (PAGES.contains(page) && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            // The shell is tiny and must pick up a new build at once; the bundle is revalidated by ETag.
            res.setHeader("Cache-Control", "no-cache");
            req.getRequestDispatcher("/index.html").forward(req, res);
            return;
        }
        if (path.startsWith("/static/")) {
            res.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(req, res);
    }
}
