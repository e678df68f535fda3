package dev.pharos.notifier;

import dev.pharos.model.Labels;

/**
 * An alert on its way to the Alertmanagers, as API v2's PostableAlert: times in epoch
 * milliseconds, 0 when unset (then omitted from the JSON).
 */
public record NotifierAlert(Labels labels, Labels annotations, long startsAt, long endsAt, String generatorURL) {

    public String name() {
        return labels.getOrEmpty("alertname");
    }

    NotifierAlert withLabels(Labels l) {
        return new NotifierAlert(l, annotations, startsAt, endsAt, generatorURL);
    }
}
