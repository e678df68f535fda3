package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.model.Labels;
import java.time.Duration;
import java.util.List;

/**
 * One flush of an aggregation group: what the notification pipeline needs to know. Firing
 * alerts carry a null end time (the original clears it so they cannot resolve in flight).
 */
public record GroupNotification(String receiver, String groupKey, Labels groupLabels, List<Alert> alerts,
        Duration repeatInterval, Duration groupInterval, List<String> muteTimeIntervals,
        List<String> activeTimeIntervals) {
}
