package dev.pharos.alertmanager.config;

import dev.pharos.model.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code route} node as written: null for what it does not set, so that the routing tree
 * can inherit from the parent. {@code matchRe} values are the regexes as written.
 */
public record RouteConfig(String receiver, List<String> groupBy, boolean groupByAll, Map<String, String> match,
        Map<String, String> matchRe, List<LabelMatcher> matchers, List<String> muteTimeIntervals,
        List<String> activeTimeIntervals, boolean continueMatching, List<RouteConfig> routes, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, int line) {
}
