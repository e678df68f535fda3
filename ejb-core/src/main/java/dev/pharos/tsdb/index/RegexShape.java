package dev.pharos.tsdb.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a PromQL regex that postings lookups can answer without running the regex on
 * every label value: a set of literals ({@code a|b|c}), a literal prefix ({@code foo.*}),
 * anything ({@code .*}), anything non-empty ({@code .+}), or general.
 */
public record RegexShape(Kind kind, List<String> literals, String prefix) {

    public enum Kind { SET, PREFIX, ANY, NON_EMPTY, GENERAL }

    private static final String META = "\\.+*?()|[]{}^$";

    public static RegexShape of(String re) {
        if (re.equals(".*")) {
            return new RegexShape(Kind.ANY, List.of(), "");
        }
        if (re.equals(".+")) {
            return new RegexShape(Kind.NON_EMPTY, List.of(), "");
        }
        if (re.endsWith(".*")) {
            String p = literal(re.substring(0, re.length() - 2));
            if (p != null) {
                return new RegexShape(Kind.PREFIX, List.of(), p);
            }
        }
        List<String> alts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= re.length(); i++) {
            if (i == re.length() || (re.charAt(i) == '|' && !escaped(re, i))) {
                String lit = literal(re.substring(start, i));
                if (lit == null) {
                    return new RegexShape(Kind.GENERAL, List.of(), "");
                }
                alts.add(lit);
                start = i + 1;
            }
        }
        return new RegexShape(Kind.SET, alts, "");
    }

    private static boolean escaped(String s, int i) {
        int n = 0;
        while (i - 1 - n >= 0 && s.charAt(i - 1 - n) == '\\') {
            n++;
        }
        return n % 2 == 1;
    }

    /** The literal a regex fragment stands for, or null if it has any operator. */
    static String literal(String frag) {
        StringBuilder sb = new StringBuilder(frag.length());
        for (int i = 0; i < frag.length(); i++) {
            char c = frag.charAt(i);
            if (c == '\\') {
                if (i + 1 >= frag.length()) {
                    return null;
                }
                char n = frag.charAt(i + 1);
                if (META.indexOf(n) < 0 && n != '-' && n != '/') {
                    return null; // \d, \w, \s ... are classes, not literals
                }
                sb.append(n);
                i++;
            } else if (META.indexOf(c) >= 0) {
                return null;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
