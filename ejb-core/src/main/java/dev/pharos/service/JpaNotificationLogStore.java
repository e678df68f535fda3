package dev.pharos.service;

import dev.pharos.alertmanager.notify.NotificationLogEntry;
import dev.pharos.alertmanager.notify.NotificationLogStore;
import dev.pharos.persistence.AlertmanagerRepository;
import dev.pharos.persistence.NotificationLogRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The notification log in the database, read on every lookup (lookups happen once per group
 * flush and integration) so that an instance sees what another one sent a moment ago.
 */
final class JpaNotificationLogStore implements NotificationLogStore {

    private final AlertmanagerRepository repo;

    JpaNotificationLogStore(AlertmanagerRepository repo) {
        this.repo = repo;
    }

    @Override
    public Optional<NotificationLogEntry> get(String key) {
        NotificationLogRecord r = repo.logEntry(hash(key));
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new NotificationLogEntry(r.groupKey(), r.receiver(), r.integration(), r.index(),
                r.sentAt(), parse(r.firing()), parse(r.resolved()), r.expiresAt()));
    }

    @Override
    public void put(NotificationLogEntry e) {
        String key = e.key();
        repo.putLogEntry(new NotificationLogRecord(hash(key), key, e.groupKey(), e.receiver(), e.integration(),
                e.index(), e.timestamp(), join(e.firingAlerts()), join(e.resolvedAlerts()), e.expiresAt()));
    }

    @Override
    public int gc(Instant now) {
        return repo.deleteLogEntriesExpiredBefore(now);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String join(Set<Long> fps) {
        return fps.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Long> parse(String s) {
        Set<Long> out = new HashSet<>();
        if (s != null && !s.isEmpty()) {
            for (String p : s.split(",")) {
                out.add(Long.parseLong(p));
            }
        }
        return out;
    }
}
