package dev.pharos.alertmanager.inhibit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.AlertStore;
import dev.pharos.alertmanager.Fingerprints;
import dev.pharos.alertmanager.MutableClock;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InhibitorTest {

    static final String CONFIG = """
            route: {receiver: r}
            receivers: [{name: r}]
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity=~"warning|critical"']
                equal: [cluster]
            """;

    final MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
    final AlertMarker marker = new AlertMarker();
    final AlertStore store = new AlertStore(clock, marker);
    final Inhibitor inhibitor = new Inhibitor(ConfigLoader.load(CONFIG).inhibitRules(), store, marker, clock);

    Alert put(String... labels) {
        Alert a = new Alert(Labels.of(labels), Map.of(), clock.instant(), clock.instant().plus(Duration.ofMinutes(5)),
                clock.instant(), "", false);
        store.put(List.of(a));
        return a;
    }

    @Test
    void warningInhibitedByCriticalInSameCluster() {
        Alert crit = put("alertname", "Down", "severity", "critical", "cluster", "a");
        Labels warn = Labels.of("alertname", "Slow", "severity", "warning", "cluster", "a");
        assertEquals(List.of(crit.fingerprintHex()), inhibitor.mutes(warn));
        assertEquals("suppressed", marker.status(Fingerprints.of(warn)).state());
        assertEquals(List.of(), inhibitor.mutes(Labels.of("alertname", "Slow", "severity", "warning", "cluster", "b")));
    }

    @Test
    void alertMatchingBothSidesIsNotInhibitedByItselfNorByOtherTwoSidedAlerts() {
        Alert crit = put("alertname", "Down", "severity", "critical", "cluster", "a");
        assertEquals(List.of(), inhibitor.mutes(crit.labels()));
        put("alertname", "Other", "severity", "critical", "cluster", "a");
        assertEquals(List.of(), inhibitor.mutes(crit.labels()));
        assertEquals("active", marker.status(crit.fingerprint()).state());
    }

    @Test
    void resolvedSourceNoLongerInhibits() {
        put("alertname", "Down", "severity", "critical", "cluster", "a");
        Labels warn = Labels.of("severity", "warning", "cluster", "a");
        assertEquals(1, inhibitor.mutes(warn).size());
        clock.advance(Duration.ofMinutes(6));
        assertEquals(List.of(), inhibitor.mutes(warn));
    }

    @Test
    void missingEqualLabelsOnBothSidesCountAsEqual() {
        put("alertname", "Down", "severity", "critical");
        assertEquals(1, inhibitor.mutes(Labels.of("severity", "warning")).size());
    }
}
