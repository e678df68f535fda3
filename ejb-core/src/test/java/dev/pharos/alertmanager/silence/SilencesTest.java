package dev.pharos.alertmanager.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.MutableClock;
import dev.pharos.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilencesTest {

    final MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
    final AtomicInteger seq = new AtomicInteger();
    final SilenceStore store = new InMemorySilenceStore();
    final Silences silences = new Silences(store, clock, Silences.DEFAULT_RETENTION, () -> "id-" + seq.incrementAndGet());

    Silence silence(String id, String matchers, String start, String end) {
        return new Silence(id, Matchers.parse(matchers), Instant.parse(start), Instant.parse(end), null, "me", "why");
    }

    @Test
    void createActiveThenStates() {
        String id = silences.set(silence(null, "alertname=A", "2023-12-31T00:00:00Z", "2024-01-01T01:00:00Z"));
        assertEquals("id-1", id);
        Silence s = silences.get(id).orElseThrow();
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), s.startsAt(), "a start in the past becomes now");
        assertEquals(SilenceState.ACTIVE, s.state(clock.instant()));
        clock.advance(Duration.ofHours(1));
        assertEquals(SilenceState.EXPIRED, s.state(clock.instant()));
    }

    @Test
    void silencedAlertIsMarkedSuppressed() {
        AlertMarker marker = new AlertMarker();
        String id = silences.set(silence(null, "{alertname=\"A\",env=~\"prod|staging\"}", "2024-01-01T00:00:00Z",
                "2024-01-01T01:00:00Z"));
        Labels l = Labels.of("alertname", "A", "env", "prod");
        assertEquals(List.of(id), silences.mutes(l, marker));
        AlertMarker.Status st = marker.status(dev.pharos.alertmanager.Fingerprints.of(l));
        assertEquals("suppressed", st.state());
        assertEquals(List.of(id), st.silencedBy());
        assertEquals(List.of(), silences.mutes(Labels.of("alertname", "A", "env", "dev"), marker));
    }

    @Test
    void updateActiveWithSameMatchersKeepsId() {
        String id = silences.set(silence(null, "alertname=A", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"));
        String again = silences.set(silence(id, "alertname=A", "2024-01-01T00:00:00Z", "2024-01-01T03:00:00Z"));
        assertEquals(id, again);
        assertEquals(Instant.parse("2024-01-01T03:00:00Z"), silences.get(id).orElseThrow().endsAt());
    }

    @Test
    void updateActiveWithChangedMatchersExpiresOldAndCreatesNew() {
        String id = silences.set(silence(null, "alertname=A", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"));
        clock.advance(Duration.ofMinutes(10));
        String newId = silences.set(silence(id, "alertname=B", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"));
        assertNotEquals(id, newId);
        assertEquals(SilenceState.EXPIRED, silences.get(id).orElseThrow().state(clock.instant()));
        assertEquals(SilenceState.ACTIVE, silences.get(newId).orElseThrow().state(clock.instant()));
    }

    @Test
    void expirePendingAndActive() {
        String pending = silences.set(silence(null, "a=b", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"));
        assertEquals(SilenceState.PENDING, silences.get(pending).orElseThrow().state(clock.instant()));
        silences.expire(pending);
        Silence p = silences.get(pending).orElseThrow();
        assertEquals(clock.instant(), p.startsAt());
        assertEquals(SilenceState.EXPIRED, p.state(clock.instant()));
        SilenceException again = assertThrows(SilenceException.class, () -> silences.expire(pending));
        assertEquals("silence " + pending + " already expired", again.getMessage());
        SilenceException missing = assertThrows(SilenceException.class, () -> silences.expire("nope"));
        assertTrue(missing.notFound());
        assertEquals("silence not found", missing.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a=~\".*\"|at least one matcher must not match the empty string",
        "a=\"\",b!~\"x\"|at least one matcher must not match the empty string",
    })
    void validation(String matchers, String message) {
        SilenceException e = assertThrows(SilenceException.class,
                () -> silences.set(silence(null, matchers, "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void expiredSilencesAreKeptForRetention() {
        String id = silences.set(silence(null, "a=b", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"));
        clock.advance(Duration.ofHours(121));
        assertEquals(0, silences.gc());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, silences.gc());
        assertTrue(silences.get(id).isEmpty());
    }
}
