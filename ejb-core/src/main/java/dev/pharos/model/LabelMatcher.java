package dev.pharos.model;

import dev.pharos.relabel.GoRegex;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher such as {@code job=~"api|web"}. Regexes are RE2 (Go's syntax, as in
 * Prometheus), translated by {@link GoRegex}, and fully anchored; a missing label matches as
 * the empty string.
 */
public final class LabelMatcher {

    private final MatchType type;
    private final String name;
    private final String value;
    private final GoRegex regex;
    private volatile Pattern anchored;

    /** @throws PatternSyntaxException for a regex RE2 rejects (description as Go words it) */
    public LabelMatcher(MatchType type, String name, String value) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.regex = (type == MatchType.REGEX || type == MatchType.NOT_REGEX) ? compile(value) : null;
    }

    private static GoRegex compile(String re) {
        try {
            return GoRegex.compile(re);
        } catch (IllegalArgumentException e) {
            String d = e.getMessage();
            String prefix = "error parsing regexp: ";
            String suffix = ": `" + re + "`";
            if (d.startsWith(prefix)) {
                d = d.substring(prefix.length());
            }
            if (d.endsWith(suffix)) {
                d = d.substring(0, d.length() - suffix.length());
            }
            throw new PatternSyntaxException(d, re, -1);
        }
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

    /** The compiled, anchored pattern (RE2 translated to Java) for regex matchers, else {@code null}. */
    public Pattern pattern() {
        if (regex == null) {
            return null;
        }
        Pattern p = anchored;
        if (p == null) {
            Pattern inner = regex.pattern();
            p = Pattern.compile("\\A(?:" + inner.pattern() + ")\\z", inner.flags());
            anchored = p;
        }
        return p;
    }

    public boolean matches(String v) {
        if (v == null) {
            v = "";
        }
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> regex.matches(v);
            case NOT_REGEX -> !regex.matches(v);
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
