package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A query whose HTTP client goes away stops: an expensive query runs (the engine's
 * prometheus_engine_queries gauge counts it), the client aborts the connection, and the gauge
 * falls back well before the query could have finished or timed out.
 */
class QueryCancelIT {

    /** Tens of seconds to minutes of CPU: a quantile over 3,600 points for each of 259,200 points. */
    static final String EXPENSIVE = "max_over_time(quantile_over_time(0.5, sin(vector(time()))[1h:1s])[3d:1s])";

    private static final Pattern GAUGE = Pattern.compile("(?m)^prometheus_engine_queries(?:\\{\\})? ([0-9.eE+-]+)$");

    static double runningQueries() throws Exception {
        String metrics = Http.get(Http.server("/metrics")).body();
        Matcher m = GAUGE.matcher(metrics);
        assertTrue(m.find(), "prometheus_engine_queries not exported");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void anAbortedRequestStopsItsQuery() throws Exception {
        Http.await(Http.server("/metrics"), r -> {
            try {
                return runningQueries() == 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30));
        String url = Http.server("/api/v1/query?timeout=10m&time=1700000000&query="
                + URLEncoder.encode(EXPENSIVE, StandardCharsets.UTF_8));
        CompletableFuture<HttpResponse<String>> call = Http.sendAsync(HttpRequest.newBuilder(URI.create(url)).GET());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (runningQueries() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(runningQueries() >= 1, "the expensive query is not running");
        Thread.sleep(2000);
        assertFalse(call.isDone(), "the query finished too early to prove anything: " + (call.isDone() ? call.join().body() : ""));
        assertTrue(runningQueries() >= 1, "the expensive query is still running after 2 s");

        long aborted = System.nanoTime();
        call.cancel(true);
        double left = 1;
        while (left >= 1 && System.nanoTime() - aborted < Duration.ofSeconds(15).toNanos()) {
            Thread.sleep(100);
            left = runningQueries();
        }
        long stoppedMs = (System.nanoTime() - aborted) / 1_000_000;
        System.out.println("QueryCancelIT: query stopped " + stoppedMs + " ms after the client aborted");
        assertEquals(0, left, "the query still runs 15 s after its client left");

        // The server is free again: a cheap query answers at once.
        HttpResponse<String> r = Http.get(Http.server("/api/v1/query?query=vector(1)&time=1700000000"));
        assertEquals(200, r.statusCode(), r.body());
    }
}
