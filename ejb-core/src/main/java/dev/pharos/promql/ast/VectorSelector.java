package dev.pharos.promql.ast;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import java.util.List;

public final class VectorSelector extends Expr {
    public String name;
    public final List<LabelMatcher> matchers;
    /** Offset in milliseconds (may be negative). */
    public long offset;
    public boolean offsetSet;
    /** Offset duration expression resolved at evaluation (uses step() or range()), else null. */
    public Expr offsetExpr;
    /** Experimental {@code smoothed} modifier: interpolate between neighbouring samples. */
    public boolean smoothed;
    /** Fixed evaluation time of {@code @ t} in milliseconds, or null. */
    public Long timestamp;
    /** {@link AtModifier#START} / {@link AtModifier#END} for {@code @ start()} / {@code @ end()}. */
    public int startOrEnd;

    public VectorSelector(String name, List<LabelMatcher> matchers) {
        this.name = name;
        this.matchers = matchers;
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public boolean hasAt() {
        return timestamp != null || startOrEnd != AtModifier.NONE;
    }

    String selectorString() {
        StringBuilder sb = new StringBuilder();
        boolean nameQuoted = name != null && !Printer.isLegacyMetricName(name);
        if (name != null && !nameQuoted) {
            sb.append(name);
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (LabelMatcher lm : matchers) {
            if (name != null && lm.name().equals(Labels.METRIC_NAME) && lm.type() == MatchType.EQUAL
                    && lm.value().equals(name)) {
                continue;
            }
            parts.add(Printer.labelName(lm.name()) + lm.type().symbol() + Printer.quote(lm.value()));
        }
        // Prometheus prints the matchers sorted, comma-separated without spaces.
        java.util.Collections.sort(parts);
        if (nameQuoted) {
            parts.add(0, Printer.quote(name));
        }
        if (!parts.isEmpty()) {
            sb.append('{').append(String.join(",", parts)).append('}');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return selectorString() + AtModifier.render(timestamp, startOrEnd, offset, offsetExpr) + (smoothed ? " smoothed" : "");
    }
}
