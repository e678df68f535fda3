package dev.pharos.alertmanager.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.EngineFixture;
import dev.pharos.alertmanager.notify.InMemoryNotificationLogStore;
import dev.pharos.alertmanager.notify.NotifyResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** group_wait, group_interval and repeat_interval timing, driven by a fixed clock. */
class DispatcherTimingTest {

    static final String CONFIG = """
            route:
              receiver: team
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['severity="info"']
                  receiver: quiet
            receivers:
              - name: team
                webhook_configs:
                  - url: http://hook.example/
              - name: quiet
                webhook_configs:
                  - url: http://hook.example/
                    send_resolved: false
            """;

    @Test
    void firstNotificationAfterGroupWaitThenGroupIntervalThenRepeat() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        f.fire("alertname", "A", "instance", "1");
        f.run(Duration.ofSeconds(29));
        assertEquals(List.of(), f.summaries(), "nothing before group_wait");
        f.run(Duration.ofSeconds(1));
        assertEquals(List.of("2024-01-01T00:00:30Z team firing:A=f"), f.summaries());

        // A second alert joins: sent at the next group_interval boundary (00:05:30).
        f.clock.advance(Duration.ofSeconds(30));
        f.fire("alertname", "A", "instance", "2");
        f.fire("alertname", "A", "instance", "1"); // refresh, as Prometheus re-sends
        f.run(Duration.ofMinutes(4).plusSeconds(29));
        assertEquals(1, f.sent.size());
        f.run(Duration.ofSeconds(1));
        assertEquals("2024-01-01T00:05:30Z team firing:A=f A=f", f.summaries().get(1));
        assertEquals(2, f.sent.get(1).data().alerts().size());
    }

    @Test
    void repeatsOnlyAfterRepeatIntervalRoundedToGroupInterval() {
        EngineFixture f = new EngineFixture(CONFIG.replace("repeat_interval: 4h", "repeat_interval: 12m"),
                "2024-01-01T00:00:00Z");
        f.fire("alertname", "A");
        for (int i = 0; i < 6; i++) {
            f.run(Duration.ofMinutes(5));
            f.fire("alertname", "A");
        }
        // Sent at 00:00:30; flushes at 05:30, 10:30 do nothing; at 15:30 the last send is
        // older than 12m, so it repeats; next repeat at 30:30.
        assertEquals(List.of("2024-01-01T00:00:30Z team firing:A=f", "2024-01-01T00:15:30Z team firing:A=f"),
                f.summaries());
    }

    @Test
    void resolvedAlertIsSentOnceAndGroupRemoved() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        f.fire("alertname", "A");
        f.run(Duration.ofSeconds(30));
        f.clock.advance(Duration.ofMinutes(1));
        f.resolve("alertname", "A");
        f.run(Duration.ofMinutes(4).plusSeconds(30));
        assertEquals(List.of("2024-01-01T00:00:30Z team firing:A=f", "2024-01-01T00:05:30Z team resolved:A=r"),
                f.summaries());
        assertTrue(f.dispatcher.groups().isEmpty(), "group removed after its resolved alerts were sent");
        f.run(Duration.ofMinutes(20));
        assertEquals(2, f.sent.size());
    }

    @Test
    void sendResolvedFalseSuppressesResolvedNotification() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        f.fire("alertname", "B", "severity", "info");
        f.run(Duration.ofSeconds(30));
        f.resolve("alertname", "B", "severity", "info");
        f.run(Duration.ofMinutes(10));
        assertEquals(List.of("2024-01-01T00:00:30Z quiet firing:B=f"), f.summaries());
    }

    @Test
    void alertResolvedBeforeGroupWaitIsNeverSent() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        f.fire("alertname", "A");
        f.clock.advance(Duration.ofSeconds(10));
        f.resolve("alertname", "A");
        f.run(Duration.ofMinutes(10));
        assertEquals(List.of(), f.summaries());
    }

    @Test
    void oldAlertIsSentWithoutGroupWait() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:10:00Z");
        dev.pharos.alertmanager.Alert old = new dev.pharos.alertmanager.Alert(
                dev.pharos.model.Labels.of("alertname", "Old"), java.util.Map.of(),
                java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.Instant.parse("2024-01-01T00:20:00Z"),
                f.clock.instant(), "", false);
        f.store.put(List.of(old));
        f.dispatcher.tick();
        assertEquals(List.of("2024-01-01T00:10:00Z team firing:Old=f"), f.summaries());
    }

    @Test
    void notificationLogPreventsResendAfterRestart() {
        InMemoryNotificationLogStore log = new InMemoryNotificationLogStore();
        EngineFixture first = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z", log);
        first.fire("alertname", "A");
        first.run(Duration.ofSeconds(30));
        assertEquals(1, first.sent.size());
        // A new engine (restart) with the same log receives the same alert again.
        EngineFixture second = new EngineFixture(CONFIG, "2024-01-01T00:01:00Z", log);
        second.fire("alertname", "A");
        second.run(Duration.ofMinutes(4)); // the alert times out (resolve_timeout) at 00:06
        assertEquals(List.of(), second.summaries(), "already notified: not sent again before repeat_interval");
    }

    @Test
    void failedDeliveryIsRetriedAndCounted() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        f.nextResults.add(NotifyResult.ofStatus(503, "busy"));
        f.nextResults.add(NotifyResult.ofStatus(503, "busy"));
        f.fire("alertname", "A");
        f.run(Duration.ofSeconds(30));
        assertEquals(3, f.sent.size(), "two 503 then success");
        assertEquals(1, f.metrics.notificationsTotal("webhook"));
        assertEquals(0, f.metrics.notificationsFailedTotal("webhook", "serverError"));
        assertEquals(3, f.metrics.requestsTotal("webhook"));
        assertEquals(2, f.metrics.requestsFailedTotal("webhook"));

        f.nextResults.add(NotifyResult.ofStatus(400, "bad"));
        f.fire("alertname", "A", "x", "new");
        f.run(Duration.ofMinutes(5));
        assertEquals(4, f.sent.size(), "4xx is not retried");
        assertEquals(1, f.metrics.notificationsFailedTotal("webhook", "clientError"));
        // Not logged, so the next flush tries again.
        f.run(Duration.ofMinutes(5));
        assertEquals(5, f.sent.size());
    }
}
