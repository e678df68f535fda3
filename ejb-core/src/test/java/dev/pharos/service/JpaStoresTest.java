package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.notify.NotificationLogEntry;
import dev.pharos.alertmanager.silence.Silence;
import dev.pharos.model.LabelMatcher;
import dev.pharos.persistence.AlertmanagerRepository;
import dev.pharos.persistence.NotificationLogRecord;
import dev.pharos.persistence.SilenceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JPA-backed stores against an in-memory stand-in for the repository (the database). */
class JpaStoresTest {

    /** A "database" shared by several store instances, as two Pharos instances share PostgreSQL. */
    static final class FakeRepository extends AlertmanagerRepository {
        final Map<String, SilenceRecord> silences = new HashMap<>();
        final Map<String, NotificationLogRecord> log = new HashMap<>();

        @Override
        public List<SilenceRecord> silences() {
            return new ArrayList<>(silences.values());
        }

        @Override
        public void putSilence(SilenceRecord s) {
            silences.put(s.id(), s);
        }

        @Override
        public void deleteSilence(String id) {
            silences.remove(id);
        }

        @Override
        public NotificationLogRecord logEntry(String keyHash) {
            return log.get(keyHash);
        }

        @Override
        public void putLogEntry(NotificationLogRecord r) {
            log.put(r.keyHash(), r);
        }

        @Override
        public int deleteLogEntriesExpiredBefore(Instant now) {
            int before = log.size();
            log.values().removeIf(r -> r.expiresAt().isBefore(now));
            return before - log.size();
        }
    }

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void notificationLogWrittenByOneInstanceIsSeenByAnother() {
        FakeRepository db = new FakeRepository();
        var a = new JpaNotificationLogStore(db);
        var b = new JpaNotificationLogStore(db);
        String groupKey = "{}/{it=\"x\"}:{alertname=\"" + "Long".repeat(500) + "\"}";
        var e = new NotificationLogEntry(groupKey, "hook", "webhook", 0, T, Set.of(1L, -5L), Set.of(7L),
                T.plusSeconds(3600));
        a.put(e);
        NotificationLogEntry seen = b.get(e.key()).orElseThrow();
        assertEquals(e, seen);
        assertTrue(seen.isFiringSubset(Set.of(-5L)));
        assertEquals(0, b.gc(T.plusSeconds(10)));
        assertEquals(1, b.gc(T.plusSeconds(7200)));
        assertTrue(a.get(e.key()).isEmpty());
    }

    @Test
    void silencesAreWrittenThroughAndRefreshedFromTheDatabase() {
        FakeRepository db = new FakeRepository();
        var a = new JpaSilenceStore(db);
        var b = new JpaSilenceStore(db);
        Silence s = new Silence("0f0e0d0c-0000-4000-8000-000000000001", List.of(LabelMatcher.equal("a", "b")), T,
                T.plusSeconds(60), T, "me", "why");
        a.put(s);
        assertEquals(s, a.get(s.id()).orElseThrow());
        assertTrue(b.get(s.id()).isEmpty(), "b has not refreshed yet");
        b.refresh();
        assertEquals(s.toString(), b.get(s.id()).orElseThrow().toString());
        a.delete(s.id());
        b.refresh();
        assertTrue(b.all().isEmpty());
    }
}
