package dev.pharos.alertmanager.inhibit;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.AlertStore;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.config.InhibitRuleConfig;
import dev.pharos.model.Labels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inhibition: an alert matching a rule's target matchers is muted while a firing alert matches
 * its source matchers with equal values for the {@code equal} labels. An alert matching both
 * sides is never inhibited by alerts that also match both sides (so never by itself).
 */
public final class Inhibitor {

    private final List<Rule> rules = new ArrayList<>();
    private final AlertMarker marker;
    private final Clock clock;
    private final AlertStore alerts;
    private final java.util.function.Consumer<Alert> listener = this::observe;

    private static final class Rule {
        final InhibitRuleConfig cfg;
        final Map<Long, Alert> sources = new ConcurrentHashMap<>();

        Rule(InhibitRuleConfig cfg) {
            this.cfg = cfg;
        }
    }

    public Inhibitor(List<InhibitRuleConfig> rules, AlertStore alerts, AlertMarker marker, Clock clock) {
        this.marker = marker;
        this.clock = clock;
        this.alerts = alerts;
        for (InhibitRuleConfig r : rules) {
            this.rules.add(new Rule(r));
        }
        for (Alert a : alerts.list()) {
            observe(a);
        }
        alerts.subscribe(listener);
    }

    /** Stops following the alert store (when a reloaded configuration replaces this inhibitor). */
    public void close() {
        alerts.unsubscribe(listener);
    }

    /** Keeps each rule's cache of source-side alerts current. */
    private void observe(Alert a) {
        for (Rule r : rules) {
            if (Matchers.matchesAll(r.cfg.sourceMatchers(), a.labels())) {
                r.sources.put(a.fingerprint(), a);
            }
        }
    }

    /** Fingerprints (hex) of the alerts inhibiting these labels (at most one, as the original); marks the result. */
    public List<String> mutes(Labels labels) {
        Instant now = clock.instant();
        long fp = dev.pharos.alertmanager.Fingerprints.of(labels);
        for (Rule r : rules) {
            if (!Matchers.matchesAll(r.cfg.targetMatchers(), labels)) {
                continue;
            }
            boolean twoSided = Matchers.matchesAll(r.cfg.sourceMatchers(), labels);
            Alert by = source(r, labels, twoSided, now);
            if (by != null) {
                List<String> ids = List.of(by.fingerprintHex());
                marker.setInhibited(fp, ids);
                return ids;
            }
        }
        marker.setInhibited(fp, List.of());
        return List.of();
    }

    private static Alert source(Rule r, Labels labels, boolean excludeTwoSided, Instant now) {
        outer:
        for (Alert a : r.sources.values()) {
            if (a.resolvedAt(now)) {
                continue;
            }
            for (String name : r.cfg.equal()) {
                if (!a.labels().getOrEmpty(name).equals(labels.getOrEmpty(name))) {
                    continue outer;
                }
            }
            if (excludeTwoSided && Matchers.matchesAll(r.cfg.targetMatchers(), a.labels())) {
                continue;
            }
            return a;
        }
        return null;
    }
}
