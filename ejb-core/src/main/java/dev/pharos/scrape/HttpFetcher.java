package dev.pharos.scrape;

import dev.pharos.config.ScrapeConfig;
import dev.pharos.exposition.ExpositionFormat;
import dev.pharos.exposition.ExpositionParsers;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.httpclient.SelfCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP scrape: content negotiation as Prometheus does it, gzip, {@code scrape_timeout}
 * over the whole exchange (headers and body), {@code body_size_limit} on the uncompressed
 * body, authentication and TLS from the job's {@code http_config}.
 */
public final class HttpFetcher implements Fetcher {

    private static final String USER_AGENT = "Prometheus/3.0.0 (Pharos)";

    private final HttpClient client;
    private final ScrapeConfig config;
    private final String accept;

    public HttpFetcher(HttpClient client, ScrapeConfig config) {
        this.client = client;
        this.config = config;
        this.accept = acceptHeader(config);
    }

    /** The Accept header for a job's scrape_protocols (the text and OpenMetrics ones this parser reads). */
    static String acceptHeader(ScrapeConfig config) {
        List<ExpositionFormat> formats = new ArrayList<>();
        for (String name : config.scrapeProtocols()) {
            ExpositionFormat f = ExpositionFormat.byProtocolName(name);
            if (f != null && f != ExpositionFormat.PROMETHEUS_PROTO) {
                formats.add(f);
            }
        }
        return formats.isEmpty() ? ExpositionParsers.SCRAPE_ACCEPT_HEADER : ExpositionParsers.acceptHeader(formats);
    }

    @Override
    public Body fetch(Target target) throws ScrapeException, InterruptedException {
        long timeoutNanos = target.timeout().toNanos();
        HttpRequest.Builder req = HttpRequest.newBuilder(target.url())
                .GET()
                .header("Accept", accept)
                .header("User-Agent", USER_AGENT)
                .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(target.timeout().toMillis()))
                .timeout(target.timeout());
        if (config.enableCompression()) {
            req.header("Accept-Encoding", "gzip");
        }
        try {
            HttpClients.authenticate(req, config.httpClientConfig());
            SelfCredentials.apply(req, target.url(), config.httpClientConfig());
        } catch (IOException e) {
            throw new ScrapeException("unable to read authorization credentials: " + e.getMessage(), e);
        }
        long limit = config.bodySizeLimit() > 0 ? config.bodySizeLimit() : Long.MAX_VALUE;
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(req.build(), info -> new LimitedBody(info.statusCode() / 100 == 2 ? limit : 64 * 1024));
        HttpResponse<byte[]> resp;
        try {
            resp = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScrapeException("Get \"" + target.url() + "\": context deadline exceeded");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BodyTooLarge) {
                throw new ScrapeException("body size limit exceeded");
            }
            if (c instanceof HttpTimeoutException) {
                throw new ScrapeException("Get \"" + target.url() + "\": context deadline exceeded");
            }
            throw new ScrapeException("Get \"" + target.url() + "\": " + describe(c), c);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        if (resp.statusCode() != 200) {
            throw new ScrapeException("server returned HTTP status " + resp.statusCode() + " " + reason(resp.statusCode()));
        }
        byte[] body = resp.body();
        String encoding = resp.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip")) {
            body = gunzip(body, limit);
        } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
            throw new ScrapeException("unexpected Content-Encoding: " + encoding);
        }
        return new Body(body, resp.headers().firstValue("Content-Type").orElse(""));
    }

    private static byte[] gunzip(byte[] gz, long limit) throws ScrapeException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, gz.length * 4));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new ScrapeException("body size limit exceeded");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ScrapeException("failed to decompress gzip body: " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable c) {
        if (c instanceof java.net.ConnectException) {
            return "dial tcp: connect: connection refused";
        }
        String m = c.getMessage();
        return m == null || m.isEmpty() ? c.getClass().getSimpleName() : m;
    }

    static String seconds(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String reason(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** Signals a body over the limit; no stack trace, it is an expected outcome. */
    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body size limit exceeded", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Collects the body, cancelling the exchange as soon as it passes the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (out.size() + (long) n > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), n);
                } else {
                    byte[] tmp = new byte[n];
                    b.get(tmp);
                    out.write(tmp, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
