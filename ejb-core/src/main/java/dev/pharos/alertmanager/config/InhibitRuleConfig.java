package dev.pharos.alertmanager.config;

import dev.pharos.model.LabelMatcher;
import java.util.List;

/** An inhibition rule: legacy source_match/_re and source_matchers merged into one list each. */
public record InhibitRuleConfig(String name, List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers,
        List<String> equal) {
}
