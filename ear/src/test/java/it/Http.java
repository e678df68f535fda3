package it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** HTTP helpers for the integration tests: the IT ports, timeouts on every request. */
public final class Http {

    public static final int SERVER_PORT = Integer.getInteger("it.http.port", 39090);
    public static final int PUSH_PORT = Integer.getInteger("it.push.port", 39091);
    public static final int ALERT_PORT = Integer.getInteger("it.alert.port", 39093);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static {
        // liberty:test-start returns when the server is up; the application may still be
        // starting (a minute on a busy machine). Every IT uses this class: wait here once.
        try {
            long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            for (String url : new String[] {server("/-/ready"), push("/-/ready"), alert("/-/ready"),
                    server("/api/v1/status/buildinfo")}) {
                await(url, r -> r.statusCode() == 200, Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            }
        } catch (IOException | InterruptedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Http() {
    }

    public static String server(String path) {
        return "http://localhost:" + SERVER_PORT + path;
    }

    public static String push(String path) {
        return "http://localhost:" + PUSH_PORT + path;
    }

    public static String alert(String path) {
        return "http://localhost:" + ALERT_PORT + path;
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A GET allowed to take up to {@code timeout} (slow queries in benchmarks). */
    public static HttpResponse<String> get(String url, Duration timeout) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A GET whose body is kept as bytes (no decoding in timed loops). */
    public static HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public static HttpResponse<String> post(String url, String contentType, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs a file as the body, allowing {@code timeout} for the whole exchange (large uploads). */
    public static HttpResponse<String> postFile(String url, String contentType, java.nio.file.Path body, Duration timeout)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofFile(body)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends without waiting; cancelling the returned future with {@code cancel(true)} aborts
     * the exchange and closes its connection (as a client that gives up does).
     */
    public static java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder b) {
        return CLIENT.sendAsync(b.timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Polls a GET until the predicate holds or the deadline passes; returns the last response. */
    public static HttpResponse<String> await(String url, Predicate<HttpResponse<String>> ok, Duration deadline)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            try {
                last = get(url);
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        return last;
    }
}
