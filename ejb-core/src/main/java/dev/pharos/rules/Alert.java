package dev.pharos.rules;

import dev.pharos.model.Labels;

/**
 * One alert instance of an alerting rule, identified by its label set. Times are epoch
 * milliseconds, 0 when unset (Go's zero time). Mutated only by the evaluating thread of its
 * group; readers (API) see a consistent copy through {@link #copy()}.
 */
public final class Alert {
    Labels labels;
    Labels annotations;
    AlertState state;
    double value;
    long activeAt;
    long firedAt;
    long resolvedAt;
    long lastSentAt;
    long validUntil;
    long keepFiringSince;

    Alert(Labels labels, Labels annotations, AlertState state, double value, long activeAt) {
        this.labels = labels;
        this.annotations = annotations;
        this.state = state;
        this.value = value;
        this.activeAt = activeAt;
    }

    public Alert copy() {
        Alert a = new Alert(labels, annotations, state, value, activeAt);
        a.firedAt = firedAt;
        a.resolvedAt = resolvedAt;
        a.lastSentAt = lastSentAt;
        a.validUntil = validUntil;
        a.keepFiringSince = keepFiringSince;
        return a;
    }

    /** Prometheus's needsSending: never pending; at once when resolved since the last send; else after resendDelay. */
    boolean needsSending(long ts, long resendDelayMillis) {
        if (state == AlertState.PENDING) {
            return false;
        }
        if (resolvedAt > lastSentAt) {
            return true;
        }
        return lastSentAt + resendDelayMillis < ts;
    }

    public Labels labels() {
        return labels;
    }

    public Labels annotations() {
        return annotations;
    }

    public AlertState state() {
        return state;
    }

    public double value() {
        return value;
    }

    public long activeAt() {
        return activeAt;
    }

    public long firedAt() {
        return firedAt;
    }

    public long resolvedAt() {
        return resolvedAt;
    }

    public long lastSentAt() {
        return lastSentAt;
    }

    public long validUntil() {
        return validUntil;
    }

    public long keepFiringSince() {
        return keepFiringSince;
    }

    @Override
    public String toString() {
        return state.wireName() + " " + labels + " activeAt=" + activeAt;
    }
}
