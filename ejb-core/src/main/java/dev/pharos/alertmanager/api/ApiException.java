package dev.pharos.alertmanager.api;

import dev.pharos.alertmanager.Json;

/** An API error: the HTTP status and the message the original sends (as a JSON string body). */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The response body: the message as a JSON string. */
    public String jsonBody() {
        return Json.write(getMessage());
    }
}
