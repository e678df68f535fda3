package dev.pharos.alertmanager.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The notification log: the last notification per group and integration, so that after a
 * restart (or on another instance sharing the store) nothing already sent is sent again.
 */
public interface NotificationLogStore {

    Optional<NotificationLogEntry> get(String key);

    void put(NotificationLogEntry entry);

    /** Removes entries that expired before {@code now}; returns how many. */
    int gc(Instant now);
}
