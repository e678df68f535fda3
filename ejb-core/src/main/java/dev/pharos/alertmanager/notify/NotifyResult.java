package dev.pharos.alertmanager.notify;

/**
 * Outcome of one delivery attempt. {@code retry} says whether trying again may help (5xx,
 * 429, network errors); {@code reason} is the failure reason label of the metrics
 * (clientError, serverError, other).
 */
public record NotifyResult(boolean ok, boolean retry, String reason, String message) {

    public static final NotifyResult OK = new NotifyResult(true, false, "", "");

    public static NotifyResult failed(boolean retry, String reason, String message) {
        return new NotifyResult(false, retry, reason, message);
    }

    /** Classifies an HTTP status like the original: 2xx ok, 5xx and 429 retried, other 4xx not. */
    public static NotifyResult ofStatus(int status, String body) {
        if (status / 100 == 2) {
            return OK;
        }
        String msg = "unexpected status code " + status + (body == null || body.isEmpty() ? "" : ": " + body);
        if (status / 100 == 5) {
            return failed(true, "serverError", msg);
        }
        if (status == 429) {
            return failed(true, "clientError", msg);
        }
        return failed(false, status / 100 == 4 ? "clientError" : "other", msg);
    }
}
