package dev.pharos.alertmanager.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The notification log in memory only. */
public final class InMemoryNotificationLogStore implements NotificationLogStore {

    private final Map<String, NotificationLogEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<NotificationLogEntry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(NotificationLogEntry entry) {
        entries.put(entry.key(), entry);
    }

    @Override
    public int gc(Instant now) {
        int before = entries.size();
        entries.values().removeIf(e -> e.expiresAt().isBefore(now));
        return before - entries.size();
    }

    public int size() {
        return entries.size();
    }
}
