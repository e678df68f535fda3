package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * POST /-/reload: a valid file is applied, an invalid one is refused with HTTP 500 and the
 * reason, and the running configuration stays as it was; every reload is audited.
 */
class ReloadIT {

    private static final Path CONFIG = Paths.get(System.getProperty("it.config.dir", "target/it-config"), "prometheus.yml");

    private static HttpResponse<String> reload() throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.server("/-/reload")))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void invalidConfigIsRefusedAndTheRunningOneStays() throws Exception {
        String original = Files.readString(CONFIG);
        try {
            assertEquals(200, reload().statusCode(), "the IT config reloads");
            String before = Http.get(Http.server("/api/v1/status/config")).body();

            Files.writeString(CONFIG, original.replace("scrape_interval: 1s", "scrape_interval: 1x"));
            HttpResponse<String> r = reload();
            assertEquals(500, r.statusCode());
            assertTrue(r.body().startsWith("failed to reload config: "), r.body());
            assertTrue(r.body().contains("prometheus.yml:"), "names the file and line: " + r.body());
            assertTrue(r.body().contains("scrape_interval"), "names the field: " + r.body());

            assertEquals(before, Http.get(Http.server("/api/v1/status/config")).body(), "running config unchanged");
            assertTrue(Http.get(Http.server("/api/v1/status/runtimeinfo")).body().contains("\"reloadConfigSuccess\":false"));

            String audit = Http.get(Http.server("/api/v1/audit?limit=2")).body();
            assertTrue(audit.contains("\"action\":\"reload\""), audit);
            assertTrue(audit.contains("\"outcome\":\"failure\""), audit);
        } finally {
            Files.writeString(CONFIG, original);
            assertEquals(200, reload().statusCode());
        }
        assertTrue(Http.get(Http.server("/api/v1/status/runtimeinfo")).body().contains("\"reloadConfigSuccess\":true"));
    }

    @Test
    void reloadNeedsPostOrPut() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/-/reload"));
        assertEquals(405, r.statusCode());
    }

    @Test
    void configIsShownWithSecretsHidden() throws Exception {
        String original = Files.readString(CONFIG);
        try {
            Files.writeString(CONFIG, original.replace("scrape_configs:\n", "scrape_configs:\n" + """
                  - job_name: secret-job
                    basic_auth:
                      username: u
                      password: hunter2
                    static_configs:
                      - targets: ["127.0.0.1:1"]
                """));
            assertEquals(200, reload().statusCode());
            String body = Http.get(Http.server("/api/v1/status/config")).body();
            assertTrue(body.contains("secret-job"), body);
            // Go's JSON encoder escapes < and > as \u003c and \u003e, and so does Pharos.
            assertTrue(body.contains("password: \\u003csecret\\u003e"), body);
            assertTrue(!body.contains("hunter2"), "the password never appears: " + body);
        } finally {
            Files.writeString(CONFIG, original);
            assertEquals(200, reload().statusCode());
        }
    }
}
