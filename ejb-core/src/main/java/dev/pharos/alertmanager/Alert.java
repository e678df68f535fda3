package dev.pharos.alertmanager;

import dev.pharos.model.Labels;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as the Alertmanager holds it. A null {@code endsAt} is Go's zero time (never
 * resolves by itself); {@code timeout} marks an end time that was filled in from
 * resolve_timeout rather than sent by the client.
 */
public final class Alert {

    private final Labels labels;
    private final Map<String, String> annotations;
    private final Instant startsAt;
    private final Instant endsAt;
    private final Instant updatedAt;
    private final String generatorURL;
    private final boolean timeout;
    private final long fingerprint;

    public Alert(Labels labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
            Instant updatedAt, String generatorURL, boolean timeout) {
        this.labels = labels;
        this.annotations = annotations instanceof java.util.SortedMap<?, ?> && isUnmodifiable(annotations)
                ? annotations
                : Collections.unmodifiableSortedMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.updatedAt = updatedAt;
        this.generatorURL = generatorURL == null ? "" : generatorURL;
        this.timeout = timeout;
        this.fingerprint = Fingerprints.of(labels); // computed once: used by store, groups, marker, log
    }

    private static final Class<?> UNMODIFIABLE_SORTED =
            Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    private static boolean isUnmodifiable(Map<String, String> m) {
        return m.getClass() == UNMODIFIABLE_SORTED;
    }

    public Labels labels() {
        return labels;
    }

    /** Sorted by name, unmodifiable. */
    public Map<String, String> annotations() {
        return annotations;
    }

    public Instant startsAt() {
        return startsAt;
    }

    /** Null for Go's zero time. */
    public Instant endsAt() {
        return endsAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String generatorURL() {
        return generatorURL;
    }

    public boolean timeout() {
        return timeout;
    }

    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a && a.fingerprint == fingerprint && a.labels.equals(labels)
                && a.annotations.equals(annotations) && java.util.Objects.equals(a.startsAt, startsAt)
                && java.util.Objects.equals(a.endsAt, endsAt) && java.util.Objects.equals(a.updatedAt, updatedAt)
                && a.generatorURL.equals(generatorURL) && a.timeout == timeout;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint) * 31 + java.util.Objects.hashCode(updatedAt);
    }

    @Override
    public String toString() {
        return "Alert" + labels + "[" + startsAt + ", " + endsAt + "]";
    }

    public String fingerprintHex() {
        return Fingerprints.hex(fingerprint());
    }

    /** Resolved at {@code t}: it has an end time not after t. */
    public boolean resolvedAt(Instant t) {
        return endsAt != null && !endsAt.isAfter(t);
    }

    public String status(Instant now) {
        return resolvedAt(now) ? "resolved" : "firing";
    }

    public Alert withEndsAt(Instant e) {
        return new Alert(labels, annotations, startsAt, e, updatedAt, generatorURL, timeout);
    }

    /**
     * Merges with an older or newer version of the same alert as the original does: the
     * younger one wins, the earliest start is kept, and a later explicit end wins.
     */
    public Alert merge(Alert o, Instant now) {
        if (o.updatedAt.isBefore(updatedAt)) {
            return o.merge(this, now);
        }
        Instant start = startsAt.isBefore(o.startsAt) ? startsAt : o.startsAt;
        Instant end = o.endsAt;
        if (o.resolvedAt(now)) {
            if (resolvedAt(now) && endsAt.isAfter(o.endsAt)) {
                end = endsAt;
            }
        } else if (endsAt != null && (o.endsAt == null || endsAt.isAfter(o.endsAt)) && !timeout) {
            end = endsAt;
        }
        return new Alert(o.labels, o.annotations, start, end, o.updatedAt, o.generatorURL, o.timeout);
    }
}
