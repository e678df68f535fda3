package dev.pharos.model;

import java.util.regex.Pattern;

/**
 * A label matcher such as {@code job=~"api|web"}. Regexes are fully anchored, as in
 * Prometheus; a missing label matches as the empty string.
 */
public final class LabelMatcher {

    private final MatchType type;
    private final String name;
    private final String value;
    private final Pattern pattern;

    public LabelMatcher(MatchType type, String name, String value) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.pattern = (type == MatchType.REGEX || type == MatchType.NOT_REGEX)
                ? Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL)
                : null;
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(MatchType.EQUAL, name, value);
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** The compiled, anchored pattern for regex matchers, else {@code null}. */
    public Pattern pattern() {
        return pattern;
    }

    public boolean matches(String v) {
        if (v == null) {
            v = "";
        }
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** Whether the matcher accepts the empty string (and so series lacking the label). */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(type.symbol()).append('"');
        Labels.escapeInto(sb, value);
        return sb.append('"').toString();
    }
}
