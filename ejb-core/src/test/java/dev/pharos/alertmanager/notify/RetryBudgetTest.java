package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A failing receiver is retried with the original's backoff (500 ms, x1.5, at most 60 s) for as
 * long as the flush may last: group_interval (at least 10 s) plus the peer wait.
 */
class RetryBudgetTest {

    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @ParameterizedTest(name = "group_interval {0}s, peer wait {1}s: {2} attempts")
    @CsvSource({"300, 0, 15", "1, 0, 6", "10, 0, 6", "10, 15, 9"})
    void attemptsFitTheFlushBudget(long groupIntervalSeconds, long peerWaitSeconds, int expectedAttempts) {
        List<Duration> waits = new ArrayList<>();
        int[] attempts = {0};
        Integration failing = new Integration("team", "webhook", 0, true, (data, alerts) -> {
            attempts[0]++;
            return NotifyResult.failed(true, "serverError", "unexpected status code 503");
        });
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy policy = new RetryPolicy(defaults.maxAttempts(), defaults.initial(), defaults.multiplier(),
                defaults.maxInterval(), waits::add);
        NotificationPipeline p = new NotificationPipeline(null, null, new AlertMarker(), Map.of(),
                Map.of("team", List.of(failing)), new InMemoryNotificationLogStore(), new NotificationMetrics(), policy,
                Clock.fixed(T, ZoneOffset.UTC), "http://am");
        Duration peerWait = Duration.ofSeconds(peerWaitSeconds);
        p.setPeerWait(peerWait);
        Alert a = new Alert(Labels.of("alertname", "Down"), Map.of(), T.minusSeconds(60), null, T, "", true);
        GroupNotification g = new GroupNotification("team", "{}:{}", Labels.of("alertname", "Down"), List.of(a),
                Duration.ofHours(4), Duration.ofSeconds(groupIntervalSeconds), List.of(), List.of());
        assertFalse(p.exec(g));
        assertEquals(expectedAttempts, attempts[0]);
        List<Duration> backoff = peerWait.isZero() ? waits : waits.subList(1, waits.size());
        assertEquals(Duration.ofMillis(500), backoff.get(0));
        assertEquals(Duration.ofMillis(750), backoff.get(1));
        if (backoff.size() > 13) {
            assertEquals(Duration.ofSeconds(60), backoff.get(13));
        }
    }
}
