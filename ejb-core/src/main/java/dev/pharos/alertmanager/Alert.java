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
public record Alert(Labels labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
        Instant updatedAt, String generatorURL, boolean timeout) {

    public Alert {
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations == null ? Map.of() : annotations));
        generatorURL = generatorURL == null ? "" : generatorURL;
    }

    public long fingerprint() {
        return Fingerprints.of(labels);
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
