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

    /** An alert's value as the API writes it, Go's strconv.FormatFloat(v, 'e', -1, 64): 1e+00, 1.5e-07. */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int ae = Math.abs(exp);
        if (ae < 10) {
            sb.append('0');
        }
        return sb.append(ae).toString();
    }
}
