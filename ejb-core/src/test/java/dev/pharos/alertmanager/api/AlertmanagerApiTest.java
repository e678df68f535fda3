package dev.pharos.alertmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.EngineFixture;
import dev.pharos.alertmanager.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API v2 bodies, exact JSON, on a fixed clock. */
class AlertmanagerApiTest {

    static final String CONFIG = """
            route:
              receiver: team
              group_by: [alertname]
              routes:
                - matchers: [severity="page"]
                  receiver: pager
                  continue: true
                - matchers: [alertname="A"]
                  receiver: team
            receivers:
              - name: team
                webhook_configs: [{url: 'http://x.example/'}]
              - name: pager
                webhook_configs: [{url: 'http://x.example/'}]
            """;

    final EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
    final AlertmanagerApi api = new AlertmanagerApi(f.config, f.store, f.marker, f.silences, f.inhibitor,
            f.dispatcher, f.clock, Instant.parse("2023-12-31T23:00:00Z"),
            new AlertmanagerApi.VersionInfo("0.27.0", "pharos", "main", "pharos", "", "java17"));

    void post(String json) {
        api.postAlerts(Json.parse(json));
    }

    @Test
    void postThenGetAlerts() {
        post("[{\"labels\":{\"alertname\":\"A\",\"severity\":\"page\",\"empty\":\"\"},"
                + "\"annotations\":{\"summary\":\"x\"},\"generatorURL\":\"http://prom/g\"}]");
        f.clock.advance(Duration.ofSeconds(1));
        String expected = "[{\"annotations\":{\"summary\":\"x\"},\"endsAt\":\"2024-01-01T00:05:00.000Z\","
                + "\"fingerprint\":\"" + dev.pharos.alertmanager.Fingerprints.hex(
                        dev.pharos.model.Labels.of("alertname", "A", "severity", "page")) + "\","
                + "\"receivers\":[{\"name\":\"pager\"},{\"name\":\"team\"}],\"startsAt\":\"2024-01-01T00:00:00.000Z\","
                + "\"status\":{\"inhibitedBy\":[],\"mutedBy\":[],\"silencedBy\":[],\"state\":\"active\"},"
                + "\"updatedAt\":\"2024-01-01T00:00:00.000Z\",\"generatorURL\":\"http://prom/g\","
                + "\"labels\":{\"alertname\":\"A\",\"severity\":\"page\"}}]";
        assertEquals(expected, Json.write(api.getAlerts(AlertQuery.all())));
    }

    @Test
    void invalidAlertsAreRejectedWithTheOriginalsMessagesButValidOnesKept() {
        ApiException e = assertThrows(ApiException.class, () -> post("[{\"labels\":{}},"
                + "{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2024-01-01T01:00:00Z\",\"endsAt\":\"2024-01-01T00:00:00Z\"},"
                + "{\"labels\":{\"ok\":\"1\"}}]"));
        assertEquals(400, e.status());
        assertEquals("\"at least one label pair required; start time must be before end time\"", e.jsonBody());
        assertEquals(1, api.getAlerts(AlertQuery.all()).size());
    }

    @Test
    void filtersAndReceiverRegex() {
        post("[{\"labels\":{\"alertname\":\"A\",\"severity\":\"page\"}},{\"labels\":{\"alertname\":\"B\"}}]");
        assertEquals(1, api.getAlerts(AlertQuery.all().withFilter("alertname=\"B\"")).size());
        assertEquals(2, api.getAlerts(AlertQuery.all().withFilter("alertname=~\"A|B\"")).size());
        assertEquals(0, api.getAlerts(AlertQuery.all().withFilter("nope=~\".*\"")).size(), "=~ needs the label");
        assertEquals(2, api.getAlerts(AlertQuery.all().withFilter("nope!=\"x\"")).size());
        assertEquals(1, api.getAlerts(AlertQuery.all().withReceiver("pag.*")).size());
        assertEquals(2, api.getAlerts(AlertQuery.all().withReceiver("team")).size());
        ApiException e = assertThrows(ApiException.class, () -> api.getAlerts(AlertQuery.all().withFilter("foo")));
        assertEquals(400, e.status());
        assertEquals("\"bad matcher format: foo\"", e.jsonBody());
    }

    @Test
    void silencesLifecycle() {
        Map<String, Object> created = api.postSilence(Json.parse("{\"matchers\":[{\"name\":\"alertname\","
                + "\"value\":\"A\",\"isRegex\":false}],\"startsAt\":\"2024-01-01T00:00:00Z\","
                + "\"endsAt\":\"2024-01-01T02:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}"));
        String id = (String) created.get("silenceID");
        assertEquals("{\"id\":\"" + id + "\",\"status\":{\"state\":\"active\"},"
                + "\"updatedAt\":\"2024-01-01T00:00:00.000Z\",\"comment\":\"c\",\"createdBy\":\"me\","
                + "\"endsAt\":\"2024-01-01T02:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,"
                + "\"name\":\"alertname\",\"value\":\"A\"}],\"startsAt\":\"2024-01-01T00:00:00.000Z\"}",
                Json.write(api.getSilence(id)));
        post("[{\"labels\":{\"alertname\":\"A\"}}]");
        List<Object> alerts = api.getAlerts(AlertQuery.all());
        assertTrue(Json.write(alerts).contains("\"silencedBy\":[\"" + id + "\"],\"state\":\"suppressed\""));
        assertEquals(1, api.getSilences(List.of("alertname=\"A\"")).size());
        assertEquals(0, api.getSilences(List.of("alertname=\"B\"")).size());
        api.deleteSilence(id);
        assertTrue(Json.write(api.getSilence(id)).contains("\"state\":\"expired\""));
        ApiException gone = assertThrows(ApiException.class, () -> api.deleteSilence("unknown"));
        assertEquals(404, gone.status());
        ApiException past = assertThrows(ApiException.class, () -> api.postSilence(Json.parse("{\"matchers\":["
                + "{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],\"startsAt\":\"2023-01-01T00:00:00Z\","
                + "\"endsAt\":\"2023-01-02T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}")));
        assertEquals("Failed to create silence: end time can't be in the past", past.getMessage());
    }

    @Test
    void groupsAndStatusAndReceivers() {
        post("[{\"labels\":{\"alertname\":\"A\",\"severity\":\"page\",\"instance\":\"1\"}}]");
        String groups = Json.write(api.getAlertGroups(AlertQuery.all()));
        assertTrue(groups.startsWith("[{\"alerts\":[{"), groups);
        assertTrue(groups.contains("\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"pager\"},"
                + "\"routeLabels\":{}}"), groups);
        assertTrue(groups.contains("\"receivers\":[{\"name\":\"pager\"},{\"name\":\"team\"}]"), groups);
        assertEquals("[{\"name\":\"team\"},{\"name\":\"pager\"}]", Json.write(api.getReceivers()));
        Map<String, Object> status = api.getStatus();
        assertEquals("{\"peers\":[],\"status\":\"disabled\"}", Json.write(status.get("cluster")));
        assertEquals("2023-12-31T23:00:00.000Z", status.get("uptime"));
        assertTrue(((Map<?, ?>) status.get("config")).get("original").toString().contains("receiver: team"));
    }
}
