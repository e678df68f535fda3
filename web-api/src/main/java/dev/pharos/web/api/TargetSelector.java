package dev.pharos.web.api;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.promql.parser.Parser;
import java.util.List;

/** The {@code match_target} parameter: label matchers on target labels, e.g. {@code {job="node"}}. */
final class TargetSelector {

    private final List<LabelMatcher> matchers;

    private TargetSelector(List<LabelMatcher> matchers) {
        this.matchers = matchers;
    }

    static TargetSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return new TargetSelector(List.of());
        }
        try {
            return new TargetSelector(Parser.parseSelector(text).matchers);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    boolean matches(Labels l) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(l)) {
                return false;
            }
        }
        return true;
    }
}
