package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.EngineFixture;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.silence.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Silences, inhibition and time intervals keep alerts out of notifications and mark them. */
class PipelineSuppressionTest {

    static final String CONFIG = """
            route:
              receiver: team
              group_by: [alertname]
              group_wait: 30s
              routes:
                - matchers: [team="night"]
                  receiver: night
                  mute_time_intervals: [daytime]
                - matchers: [team="day"]
                  receiver: day
                  active_time_intervals: [daytime]
            receivers:
              - name: team
                webhook_configs: [{url: 'http://x.example/'}]
              - name: night
                webhook_configs: [{url: 'http://x.example/'}]
              - name: day
                webhook_configs: [{url: 'http://x.example/'}]
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [alertname]
            time_intervals:
              - name: daytime
                time_intervals:
                  - times: [{start_time: '08:00', end_time: '20:00'}]
            """;

    @Test
    void silencedAlertIsNotNotifiedAndMarked() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        String id = f.silences.set(new Silence(null, Matchers.parse("instance=\"a\""), f.clock.instant(),
                f.clock.instant().plus(Duration.ofHours(1)), null, "me", "maintenance"));
        Alert a = f.fire("alertname", "X", "instance", "a");
        f.fire("alertname", "X", "instance", "b");
        f.run(Duration.ofSeconds(30));
        assertEquals(List.of("2024-01-01T00:00:30Z team firing:X=f"), f.summaries());
        assertEquals("b", f.sent.get(0).data().alerts().get(0).labels().get("instance"));
        assertEquals("suppressed", f.marker.status(a.fingerprint()).state());
        assertEquals(List.of(id), f.marker.status(a.fingerprint()).silencedBy());
    }

    @Test
    void inhibitedAlertIsNotNotified() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T00:00:00Z");
        Alert crit = f.fire("alertname", "X", "severity", "critical");
        Alert warn = f.fire("alertname", "X", "severity", "warning");
        f.run(Duration.ofSeconds(30));
        assertEquals(1, f.sent.get(0).data().alerts().size());
        assertEquals("critical", f.sent.get(0).data().alerts().get(0).labels().get("severity"));
        assertEquals(List.of(crit.fingerprintHex()), f.marker.status(warn.fingerprint()).inhibitedBy());
    }

    @Test
    void muteAndActiveTimeIntervals() {
        EngineFixture f = new EngineFixture(CONFIG, "2024-01-01T07:59:00Z");
        Alert night = f.fire("alertname", "N", "team", "night");
        f.fire("alertname", "D", "team", "day");
        f.run(Duration.ofSeconds(30));
        // 07:59:30: outside daytime: night route sends, day route is inactive.
        assertEquals(List.of("2024-01-01T07:59:30Z night firing:N=f"), f.summaries());
        f.clock.set(Instant.parse("2024-01-01T08:04:00Z"));
        f.fire("alertname", "N", "team", "night", "x", "2");
        f.fire("alertname", "D", "team", "day");
        f.run(Duration.ofMinutes(2));
        // 08:04:30: daytime: night route muted, day route active.
        assertEquals(List.of("2024-01-01T07:59:30Z night firing:N=f", "2024-01-01T08:04:30Z day firing:D=f"),
                f.summaries());
        assertEquals(List.of("daytime"), f.marker.status(night.fingerprint()).mutedBy());
    }
}
