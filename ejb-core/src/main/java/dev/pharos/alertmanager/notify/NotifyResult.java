package dev.pharos.alertmanager.notify;

/**
 * Outcome of one delivery attempt. {@code retry} says whether trying again may help (5xx,
 * the integration's rate-limit code, network errors); {@code reason} is the failure reason label of the metrics
 * (clientError, serverError, other).
 */
public record NotifyResult(boolean ok, boolean retry, String reason, String message) {

    public static final NotifyResult OK = new NotifyResult(true, false, "", "");

    public static NotifyResult failed(boolean retry, String reason, String message) {
        return new NotifyResult(false, retry, reason, message);
    }

    /**
     * Classifies an HTTP status like the original's Retrier: 2xx ok, 5xx retried, and besides
     * those only the integration's own retry codes (429 for Opsgenie and Webex; none for
     * webhooks, Slack, Teams, Discord); other statuses fail for good.
     */
    public static NotifyResult ofStatus(int status, String body, int... retryCodes) {
        if (status / 100 == 2) {
            return OK;
        }
        String msg = "unexpected status code " + status + (body == null || body.isEmpty() ? "" : ": " + body);
        if (status / 100 == 5) {
            return failed(true, "serverError", msg);
        }
        boolean retry = false;
        for (int c : retryCodes) {
            retry |= c == status;
        }
        return failed(retry, status / 100 == 4 ? "clientError" : "other", msg);
    }
}
