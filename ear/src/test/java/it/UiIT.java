package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (Debian's headless chromium): page paths, security headers,
 * typing a query and seeing the table and the graph, the status pages, first paint and a
 * 10,000-point x 50-series graph. Screenshots of every page go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiIT {

    private static ChromeDriver driver;
    private static Path profile;
    private static final HttpClient NO_REDIRECT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Http.await(Http.server("/api/v1/query?query=up"), r -> r.statusCode() == 200 && r.body().contains("pharos"),
                Duration.ofSeconds(90));
        assumeTrue(UiBrowser.available(), "chromium/chromedriver not installed: run .ci/install-peers");
        profile = Files.createTempDirectory("pharos-ui-it");
        driver = UiBrowser.start(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HttpResponse<String> raw(String path) throws Exception {
        return NO_REDIRECT.send(HttpRequest.newBuilder(java.net.URI.create(Http.server(path)))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void open(String path) {
        driver.get(Http.server(path));
    }

    /** Waits until the page's body has left its "Loading…" state. */
    private static void awaitLoaded() {
        waitFor(30).until(d -> {
            List<WebElement> bodies = d.findElements(By.cssSelector(".page-body"));
            return !bodies.isEmpty() && !bodies.get(0).getText().startsWith("Loading");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/query", "/alerts", "/rules", "/targets", "/service-discovery", "/config", "/flags",
        "/status", "/tsdb-status"})
    @Order(1)
    void everyPagePathAnswersTheUiWithSecurityHeaders(String path) throws Exception {
        HttpResponse<String> r = raw(path);
        assertEquals(200, r.statusCode(), path);
        assertTrue(r.body().contains("/static/app.js"), "index.html at " + path);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(r.body().contains("<script>") || r.body().contains("style="), "no inline script or style");
    }

    @Test
    @Order(2)
    void graphRedirectsToQueryKeepingTheQueryString() throws Exception {
        HttpResponse<String> root = raw("/");
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("/static/app.js"));
        HttpResponse<String> graph = raw("/graph?g0.expr=up&g0.tab=0&g0.range_input=1h");
        assertEquals(302, graph.statusCode());
        assertTrue(graph.headers().firstValue("Location").orElse("").endsWith("/query?g0.expr=up&g0.tab=0&g0.range_input=1h"),
                graph.headers().firstValue("Location").orElse(""));
        HttpResponse<String> js = raw("/static/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertTrue(raw("/api/v1/status/buildinfo").headers().firstValue("X-Content-Type-Options").isPresent());
    }

    @Test
    @Order(3)
    void typeAQuerySeeTheTableThenTheGraph() throws Exception {
        open("/query");
        WebElement editor = editorContent(0);
        long paint = firstContentfulPaintMillis();
        System.out.printf("UI first contentful paint of /query: %d ms%n", paint);
        assertTrue(paint > 0 && paint < 1000, "first paint under 1 s, was " + paint + " ms");
        editor.click();
        editor.sendKeys("up{job=\"pharos\"}");
        // Autocompletion of the metric name appears while typing; Escape closes it.
        editor.sendKeys(Keys.ESCAPE);
        driver.findElement(By.cssSelector("[data-testid=execute]")).click();
        WebElement table = waitFor(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=table]")));
        assertTrue(table.getText().contains("job=\"pharos\""), table.getText());
        assertTrue(driver.getCurrentUrl().contains("g0.expr=up%7Bjob%3D%22pharos%22%7D"), driver.getCurrentUrl());
        assertTrue(driver.getCurrentUrl().contains("g0.tab=table"), driver.getCurrentUrl());
        UiBrowser.screenshot(driver, "query-table");

        driver.findElement(By.cssSelector("button.tab[data-tab=graph]")).click();
        waitFor(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=graph] canvas")));
        assertTrue(driver.getCurrentUrl().contains("g0.tab=graph"), driver.getCurrentUrl());
        UiBrowser.screenshot(driver, "query-graph");
        assertTrue(driver.getCurrentUrl().contains("g0.range_input=1h"), driver.getCurrentUrl());
        // Dragging across the graph zooms in: range and end time follow, in the URL too.
        WebElement over = driver.findElement(By.cssSelector("[data-testid=graph] .u-over"));
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(over, -200, 0).clickAndHold()
                .moveByOffset(300, 0).release().perform();
        waitFor(20).until(d -> !d.getCurrentUrl().contains("g0.range_input=1h&"));
        assertTrue(driver.getCurrentUrl().contains("g0.end_input="), driver.getCurrentUrl());
        assertNoCspViolations();
    }

    @Test
    @Order(4)
    void autocompletionOffersMetricNamesAndFunctions() throws Exception {
        open("/query");
        WebElement editor = editorContent(0);
        editor.click();
        editor.sendKeys("rat");
        WebElement popup = waitFor(20).until(d -> inEditor(0, ".cm-tooltip-autocomplete"));
        assertTrue(popup.getText().contains("rate"), popup.getText());
        UiBrowser.screenshot(driver, "query-autocomplete");
        editor.sendKeys(Keys.ESCAPE);
        // A syntax error is reported inline by the linter (brackets close themselves, so: a dangling operator).
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "1 + ");
        WebElement lint = waitFor(20).until(d -> inEditor(0, ".cm-lintRange-error, .cm-lintPoint-error"));
        assertNotNull(lint);
        UiBrowser.screenshot(driver, "query-lint-error");
    }

    @Test
    @Order(5)
    void sharedUrlRestoresSeveralPanels() throws Exception {
        open("/graph?g0.expr=up&g0.tab=table&g1.expr=" + enc("sum(up)") + "&g1.tab=graph&g1.range_input=5m&g1.display_mode=stacked");
        waitFor(30).until(d -> d.findElements(By.cssSelector("section.panel")).size() == 2);
        waitFor(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=table]")));
        waitFor(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=graph] canvas")));
        String url = driver.getCurrentUrl();
        assertTrue(url.contains("/query?"), url);
        assertTrue(url.contains("g1.range_input=5m") && url.contains("g1.display_mode=stacked"), url);
        UiBrowser.screenshot(driver, "query-two-panels");
    }

    @Test
    @Order(6)
    void bigGraphRendersWithoutFreezing() throws Exception {
        // 50 series computed by PromQL itself, 10,000 steps of 1 s each.
        String expr = IntStream.range(0, 50)
                .mapToObj(i -> "label_replace(sin(vector(time()/" + (300 + i * 7) + "))+" + i + ",\"s\",\"" + i + "\",\"__name__\",\".*\")")
                .collect(Collectors.joining(" or "));
        long end = System.currentTimeMillis() / 1000;
        open("/query?g0.expr=" + enc(expr) + "&g0.tab=graph&g0.range_input=2h46m39s&g0.res_type=fixed&g0.res_step=1"
                + "&g0.end_input=" + enc(java.time.Instant.ofEpochSecond(end).toString().replace("T", " ").replace("Z", "")));
        Object r = waitFor(120).until(d -> driver.executeScript("return window.__pharosLastRender || null"));
        Map<String, Object> render = UiBrowser.map(r);
        long points = ((Number) render.get("points")).longValue();
        long series = ((Number) render.get("series")).longValue();
        double ms = ((Number) render.get("ms")).doubleValue();
        System.out.printf("UI big graph: %d series x %d points rendered in %.0f ms%n", series, points, ms);
        assertEquals(50, series);
        assertTrue(points >= 10000, "points " + points);
        // The page stays responsive: a script round trip right after the render is quick.
        long t0 = System.nanoTime();
        driver.executeScript("return 1");
        long roundTrip = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("UI script round trip after big graph: %d ms%n", roundTrip);
        assertTrue(ms < 2000, "render took " + ms + " ms");
        WebElement over = driver.findElement(By.cssSelector("[data-testid=graph] .u-over"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", over);
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(over).perform();
        UiBrowser.screenshot(driver, "query-big-graph");
    }

    @ParameterizedTest
    @ValueSource(strings = {"targets", "service-discovery", "rules", "alerts", "config", "flags", "status", "tsdb-status"})
    @Order(7)
    void statusPagesRender(String page) throws Exception {
        open("/" + page);
        awaitLoaded();
        String text = driver.findElement(By.cssSelector("main")).getText();
        List<WebElement> errors = driver.findElements(By.cssSelector(".page-body .alert.error"));
        UiBrowser.screenshot(driver, page);
        assertTrue(errors.isEmpty(), page + ": " + text);
        switch (page) {
            case "targets" -> {
                assertFalse(driver.findElements(By.cssSelector("[data-testid=scrape-pool]")).isEmpty(), text);
                assertTrue(text.contains("pharos"), text);
            }
            case "config" -> assertTrue(text.contains("scrape_configs"), text);
            case "flags", "status" -> assertFalse(driver.findElements(By.cssSelector("table.data")).isEmpty(), text);
            default -> {
                // Pages whose endpoints are still being built say so (an info box) instead of failing.
            }
        }
        assertNoCspViolations();
    }

    @Test
    @Order(8)
    void navigationBetweenPagesNeedsNoReload() throws Exception {
        open("/");
        waitFor(20).until(ExpectedConditions.urlContains("/query"));
        editorContent(0);
        driver.executeScript("window.__marker = 42");
        driver.findElement(By.cssSelector("#nav a[href='/targets']")).click();
        waitFor(20).until(ExpectedConditions.urlContains("/targets"));
        awaitLoaded();
        assertEquals(42L, driver.executeScript("return window.__marker"));
    }

    /** The editor lives in a shadow root (CSP-safe styles): the n-th panel's .cm-content. */
    private static WebElement editorContent(int panel) {
        return waitFor(20).until(d -> inEditor(panel, ".cm-content"));
    }

    private static WebElement inEditor(int panel, String css) {
        List<WebElement> hosts = driver.findElements(By.cssSelector(".editor"));
        if (hosts.size() <= panel) {
            return null;
        }
        try {
            List<WebElement> found = hosts.get(panel).getShadowRoot().findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        } catch (org.openqa.selenium.NoSuchShadowRootException | org.openqa.selenium.StaleElementReferenceException e) {
            return null;
        }
    }

    private static long firstContentfulPaintMillis() {
        Object v = driver.executeScript(
                "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? Math.round(e.startTime) : -1;");
        return ((Number) v).longValue();
    }

    private static void assertNoCspViolations() {
        List<String> bad = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            if (m.contains("Content Security Policy") || m.contains("Content-Security-Policy")) {
                bad.add(m);
            }
        }
        assertTrue(bad.isEmpty(), "CSP violations: " + bad);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
