package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one notification log flush the same group at the same moment: the one at
 * position 1 waits peer_timeout first and then finds the notification logged by position 0,
 * so the group is sent once (the original's WaitStage before DedupStage).
 */
class PeerWaitTest {

    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    final InMemoryNotificationLogStore sharedLog = new InMemoryNotificationLogStore();
    final List<String> sent = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();

    NotificationPipeline instance(String name, RetryPolicy.Sleeper sleeper) {
        Integration hook = new Integration("team", "webhook", 0, true, (data, alerts) -> {
            sent.add(name);
            return NotifyResult.OK;
        });
        return new NotificationPipeline(null, null, new AlertMarker(), Map.of(), Map.of("team", List.of(hook)),
                sharedLog, new NotificationMetrics(), new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, sleeper),
                Clock.fixed(T, ZoneOffset.UTC), "http://am");
    }

    static GroupNotification group() {
        Alert a = new Alert(Labels.of("alertname", "Down"), Map.of(), T.minusSeconds(60), null, T, "", true);
        return new GroupNotification("team", "{}:{alertname=\"Down\"}", Labels.of("alertname", "Down"), List.of(a),
                Duration.ofHours(4), Duration.ofMinutes(5), List.of(), List.of());
    }

    @Test
    void theSecondInstanceWaitsAndThenFindsTheNotificationLogged() {
        NotificationPipeline first = instance("first", d -> { });
        // While the second waits, the first (position 0) flushes the same group.
        NotificationPipeline second = instance("second", d -> {
            waits.add(d);
            assertTrue(first.exec(group()));
        });
        second.setPeerWait(Duration.ofSeconds(15));
        assertTrue(second.exec(group()));
        assertEquals(List.of(Duration.ofSeconds(15)), waits);
        assertEquals(List.of("first"), sent);
    }

    @Test
    void positionZeroSendsAtOnceAndSequentialFlushesDeduplicateAnyway() {
        NotificationPipeline first = instance("first", d -> waits.add(d));
        NotificationPipeline second = instance("second", d -> waits.add(d));
        assertTrue(first.exec(group()));
        assertTrue(second.exec(group()));
        assertEquals(List.of(), waits);
        assertEquals(List.of("first"), sent);
    }
}
