package dev.pharos.model;

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
    /** Fast path: the regex is an alternation of plain literals ({@code a|b|c}), else null. */
    private final java.util.Set<String> literals;
    /**
     * Fast path: the regex is plain literals joined by {@code .*} ({@code foo.*}, {@code .*bar},
     * {@code host-1.*5}, {@code .*err.*}): the literals, which must appear in order, the first
     * at the start and the last at the end ({@code .} matches newlines too), else null.
     */
    private final String[] pieces;
    private volatile Pattern anchored;

    /** @throws PatternSyntaxException for a regex RE2 rejects (description as Go words it) */
    public LabelMatcher(MatchType type, String name, String value) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.regex = (type == MatchType.REGEX || type == MatchType.NOT_REGEX) ? compile(value) : null;
        this.literals = regex != null ? literalAlternation(value) : null;
        this.pieces = regex != null && literals == null ? wildcardPieces(value) : null;
    }

    private static String[] wildcardPieces(String re) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        int i = 0;
        while (i <= re.length()) {
            if (i == re.length() || re.startsWith(".*", i)) {
                if (!isPlain(re, start, i)) {
                    return null;
                }
                out.add(re.substring(start, i));
                i += 2;
                start = i;
            } else {
                i++;
            }
        }
        return out.size() >= 2 ? out.toArray(new String[0]) : null;
    }

    private boolean matchesPieces(String v) {
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        if (v.length() < first.length() + last.length() || !v.startsWith(first) || !v.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int to = v.length() - last.length();
        for (int k = 1; k < pieces.length - 1; k++) {
            int at = v.indexOf(pieces[k], from);
            if (at < 0 || at + pieces[k].length() > to) {
                return false;
            }
            from = at + pieces[k].length();
        }
        return true;
    }

    private static final String META = "\\.+*?()|[]{}^$";

    private static boolean isPlain(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (META.indexOf(s.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code a|b|c} of plain literals (anchored, so whole-string equality): the set; else null. */
    private static java.util.Set<String> literalAlternation(String re) {
        java.util.Set<String> out = new java.util.HashSet<>();
        int start = 0;
        for (int i = 0; i <= re.length(); i++) {
            if (i == re.length() || re.charAt(i) == '|') {
                if (!isPlain(re, start, i)) {
                    return null;
                }
                out.add(re.substring(start, i));
                start = i + 1;
            }
        }
        return out;
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
            case REGEX -> regexMatches(v);
            case NOT_REGEX -> !regexMatches(v);
        };
    }

    private boolean regexMatches(String v) {
        if (literals != null) {
            return literals.contains(v);
        }
        if (pieces != null) {
            return matchesPieces(v);
        }
        return regex.matches(v);
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
