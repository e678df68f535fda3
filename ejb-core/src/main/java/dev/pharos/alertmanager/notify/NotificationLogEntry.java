package dev.pharos.alertmanager.notify;

import java.time.Instant;
import java.util.Set;

/**
 * What was last sent for a group to one integration of a receiver: when, and the hashes
 * (fingerprints) of the alerts that were firing and resolved in that notification.
 */
public record NotificationLogEntry(String groupKey, String receiver, String integration, int index,
        Instant timestamp, Set<Long> firingAlerts, Set<Long> resolvedAlerts, Instant expiresAt) {

    public NotificationLogEntry {
        firingAlerts = Set.copyOf(firingAlerts);
        resolvedAlerts = Set.copyOf(resolvedAlerts);
    }

    /** The key an entry is stored under. */
    public String key() {
        return key(groupKey, receiver, integration, index);
    }

    public static String key(String groupKey, String receiver, String integration, int index) {
        return groupKey + ":" + receiver + "/" + integration + "/" + index;
    }

    public boolean isFiringSubset(Set<Long> subset) {
        return firingAlerts.containsAll(subset);
    }

    public boolean isResolvedSubset(Set<Long> subset) {
        return resolvedAlerts.containsAll(subset);
    }
}
