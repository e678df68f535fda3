package dev.pharos.alertmanager.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The settings a route applies to the groups it creates (after inheritance). */
public record RouteOpts(String receiver, Set<String> groupBy, boolean groupByAll, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, List<String> muteTimeIntervals,
        List<String> activeTimeIntervals) {

    public static final RouteOpts DEFAULT = new RouteOpts("", Set.of(), false, Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4), List.of(), List.of());
}
