package dev.pharos.rules;

import java.time.Duration;
import java.util.Map;

/**
 * One rule as written in a rule file: exactly one of {@code record} and {@code alert} is set
 * (the other is empty). Durations are zero when absent; maps keep the file's order.
 */
public record RuleSpec(String record, String alert, String expr, Duration forDuration, Duration keepFiringFor,
        Map<String, String> labels, Map<String, String> annotations) {

    public boolean isAlerting() {
        return !alert.isEmpty();
    }

    public String name() {
        return isAlerting() ? alert : record;
    }
}
