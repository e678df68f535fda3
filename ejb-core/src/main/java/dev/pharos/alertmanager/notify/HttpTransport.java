package dev.pharos.alertmanager.notify;

import java.io.IOException;

/** Sends a notifier's HTTP request; {@link JdkHttpTransport} is the real one, tests use fakes. */
@FunctionalInterface
public interface HttpTransport {

    /** Response status and body. */
    record Response(int status, String body) {
    }

    Response send(HttpRequestSpec request) throws IOException, InterruptedException;

    /**
     * Turns a send into a {@link NotifyResult}: network errors are retried, statuses as the
     * original (5xx and the integration's retry codes retried).
     */
    static NotifyResult call(HttpTransport t, HttpRequestSpec req, int... retryCodes) {
        try {
            Response r = t.send(req);
            return NotifyResult.ofStatus(r.status(), r.body(), retryCodes);
        } catch (IOException e) {
            return NotifyResult.failed(true, "other", "request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NotifyResult.failed(false, "other", "interrupted");
        }
    }
}
