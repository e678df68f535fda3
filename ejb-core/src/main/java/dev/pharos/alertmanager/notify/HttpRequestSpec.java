package dev.pharos.alertmanager.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One outgoing HTTP request of a notifier (method, URL, headers, body). */
public record HttpRequestSpec(String method, String url, Map<String, String> headers, String body, Duration timeout) {

    public static HttpRequestSpec postJson(String url, String body, Duration timeout) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return new HttpRequestSpec("POST", url, h, body, timeout);
    }

    public HttpRequestSpec withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpRequestSpec(method, url, h, body, timeout);
    }
}
