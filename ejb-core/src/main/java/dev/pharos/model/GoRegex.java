package dev.pharos.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression in Go's RE2 syntax, compiled to {@link java.util.regex.Pattern}.
 *
 * <p>Prometheus regexes (relabeling, matchers) are RE2. Java's dialect differs in places, so
 * the expression is translated: {@code (?P<name>...)} groups, POSIX classes inside brackets,
 * literal {@code [} and {@code &} inside classes, literal braces that are no repetition,
 * Go octal escapes, and {@code $} meaning end of text. Constructs RE2 rejects (look-around,
 * back-references, possessive quantifiers, unknown escapes) are rejected here too, with Go's
 * message. Not reproduced: the ungreedy flag {@code U} (ignored) and RE2's ASCII-only
 * {@code \s}/{@code \b}.
 *
 * <p>Equality is by source expression, so configs holding regexes compare as Prometheus does.
 */
public final class GoRegex {

    private static final int MAX_REPEAT = 1000;
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("ascii", "\\p{ASCII}"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"),
            Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private final String expr;
    private final Pattern pattern;
    /** Group names by group number; index 0 (whole match) and unnamed groups hold null. */
    private final String[] groupNames;
    /** The expression when it is a plain literal: whole matches are then string comparisons. */
    private final String literal;
    /** True for (.*) and .*, which match every string. */
    private final boolean matchesAll;
    /** One reusable matcher per thread, so that a match test allocates nothing. */
    private final ThreadLocal<Matcher> matchers;

    private GoRegex(String expr, Pattern pattern, String[] groupNames) {
        this.expr = expr;
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.literal = isLiteral(expr) ? expr : null;
        this.matchesAll = expr.equals("(.*)") || expr.equals(".*") || expr.equals("(?s:.*)");
        this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    private static boolean isLiteral(String expr) {
        for (int i = 0; i < expr.length(); i++) {
            if ("\\.+*?()|[]{}^$".indexOf(expr.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compiles an RE2 expression.
     *
     * @throws IllegalArgumentException with a Go-like "error parsing regexp: ..." message
     */
    public static GoRegex compile(String expr) {
        Translator t = new Translator(expr);
        String java = t.translate();
        try {
            Pattern p = Pattern.compile(java,
                    Pattern.DOTALL | Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
            return new GoRegex(expr, p, t.names.toArray(new String[0]));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription()
                    + ": `" + expr + "`");
        }
    }

    /** The expression as written in the configuration. */
    public String expr() {
        return expr;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Whole-string match: Prometheus anchors relabel regexes on both ends. */
    public boolean matches(CharSequence s) {
        if (literal != null) {
            return literal.contentEquals(s);
        }
        if (matchesAll) {
            return true;
        }
        Matcher m = matchers.get();
        boolean r = m.reset(s).matches();
        m.reset(""); // do not keep the input reachable
        return r;
    }

    /** A matcher positioned on a whole-string match of {@code s}, or null if it does not match. */
    public Matcher matchWhole(CharSequence s) {
        Matcher m = pattern.matcher(s);
        return m.matches() ? m : null;
    }

    public int groupCount() {
        return groupNames.length - 1;
    }

    /**
     * Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}
     * are replaced by the group (empty when absent), {@code $$} is a dollar, and a malformed
     * reference is kept as a literal {@code $}. A name is the longest run of letters, digits
     * and underscores, so {@code $1x} refers to a group named "1x" (empty).
     */
    public String expand(String template, Matcher m) {
        int dollar = template.indexOf('$');
        if (dollar < 0) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length() + 16);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$') {
                sb.append(c);
                i++;
                continue;
            }
            i++;
            if (i < n && template.charAt(i) == '$') {
                sb.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int j = start;
            while (j < n) {
                int cp = template.codePointAt(j);
                if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                    break;
                }
                j += Character.charCount(cp);
            }
            if (j == start || (brace && (j >= n || template.charAt(j) != '}'))) {
                sb.append('$');
                continue;
            }
            String name = template.substring(start, j);
            i = brace ? j + 1 : j;
            int num = groupNumber(name);
            if (num >= 0) {
                if (num <= m.groupCount() && m.group(num) != null) {
                    sb.append(m.group(num));
                }
            } else {
                for (int g = 1; g < groupNames.length; g++) {
                    if (name.equals(groupNames[g])) {
                        if (m.group(g) != null) {
                            sb.append(m.group(g));
                        }
                        break;
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Go's rule: all ASCII digits, no leading zero, below 1e8; otherwise a name (-1). */
    private static int groupNumber(String name) {
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char d = name.charAt(k);
            if (d < '0' || d > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (d - '0');
        }
        if (name.charAt(0) == '0' && name.length() > 1) {
            return -1;
        }
        return num;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoRegex other && other.expr.equals(expr);
    }

    @Override
    public int hashCode() {
        return expr.hashCode();
    }

    @Override
    public String toString() {
        return expr;
    }

    /** One pass over the RE2 text, writing the Java equivalent. */
    private static final class Translator {
        private final String re;
        private final StringBuilder out = new StringBuilder();
        private final List<String> names = new ArrayList<>();
        private final boolean multiline;
        private int i;

        Translator(String re) {
            this.re = re;
            this.multiline = Pattern.compile("\\(\\?[imsU]*m").matcher(re).find();
            names.add(null);
        }

        private IllegalArgumentException error(String what, String arg) {
            return new IllegalArgumentException("error parsing regexp: " + what + ": `" + arg + "`");
        }

        String translate() {
            int n = re.length();
            while (i < n) {
                char c = re.charAt(i);
                switch (c) {
                    case '\\' -> escape(false);
                    case '[' -> charClass();
                    case '(' -> group();
                    case '{' -> brace();
                    case '$' -> {
                        out.append(multiline ? "$" : "\\z");
                        i++;
                    }
                    case '*', '+', '?' -> {
                        out.append(c);
                        i++;
                        afterRepeat(c);
                    }
                    default -> {
                        out.append(c);
                        i++;
                    }
                }
            }
            return out.toString();
        }

        /** After a repetition operator: an optional lazy '?', then no further operator. */
        private void afterRepeat(char op) {
            if (i < re.length() && re.charAt(i) == '?') {
                out.append('?');
                i++;
            }
            if (i < re.length() && ("*+?".indexOf(re.charAt(i)) >= 0 || startsRepeat(i))) {
                throw error("invalid nested repetition operator", op + "" + re.charAt(i));
            }
        }

        private void group() {
            if (re.startsWith("(?", i)) {
                if (re.startsWith("(?P<", i) || (re.startsWith("(?<", i)
                        && !re.startsWith("(?<=", i) && !re.startsWith("(?<!", i))) {
                    int nameStart = re.indexOf('<', i) + 1;
                    int end = re.indexOf('>', nameStart);
                    if (end < 0) {
                        throw error("invalid named capture", re.substring(i));
                    }
                    String name = re.substring(nameStart, end);
                    if (name.isEmpty() || !name.chars().allMatch(
                            ch -> ch == '_' || Character.isLetterOrDigit(ch))) {
                        throw error("invalid named capture", re.substring(i, end + 1));
                    }
                    if (names.contains(name)) {
                        throw error("duplicate capture group name", name);
                    }
                    names.add(name);
                    out.append('(');
                    i = end + 1;
                    return;
                }
                int j = i + 2;
                StringBuilder flags = new StringBuilder();
                while (j < re.length() && re.charAt(j) != ')' && re.charAt(j) != ':') {
                    char f = re.charAt(j);
                    if ("imsU-".indexOf(f) < 0) {
                        throw error("invalid or unsupported Perl syntax", re.substring(i, j + 1));
                    }
                    if (f != 'U') {
                        flags.append(f);
                    }
                    j++;
                }
                if (j >= re.length()) {
                    throw error("missing closing )", re);
                }
                char term = re.charAt(j);
                if (term == ':') {
                    out.append("(?").append(flags).append(':');
                } else if (flags.length() > 0 && !flags.toString().equals("-")) {
                    out.append("(?").append(flags).append(')');
                }
                i = j + 1;
                return;
            }
            names.add(null);
            out.append('(');
            i++;
        }

        /** A '{' that starts {n}, {n,} or {n,m} is a repetition; otherwise Go reads it literally. */
        private void brace() {
            int j = i + 1;
            int n = re.length();
            int minStart = j;
            while (j < n && Character.isDigit(re.charAt(j))) {
                j++;
            }
            if (j == minStart || j >= n) {
                out.append("\\{");
                i++;
                return;
            }
            String min = re.substring(minStart, j);
            String max = min;
            if (re.charAt(j) == ',') {
                j++;
                int maxStart = j;
                while (j < n && Character.isDigit(re.charAt(j))) {
                    j++;
                }
                max = j == maxStart ? null : re.substring(maxStart, j);
            }
            if (j >= n || re.charAt(j) != '}') {
                out.append("\\{");
                i++;
                return;
            }
            String text = re.substring(i, j + 1);
            long lo = parseCount(min);
            long hi = max == null ? -1 : parseCount(max);
            if (lo > MAX_REPEAT || hi > MAX_REPEAT || (hi >= 0 && hi < lo)) {
                throw error("invalid repeat count", text);
            }
            out.append(text);
            i = j + 1;
            afterRepeat('}');
        }

        /** True when a valid {n}, {n,} or {n,m} starts at {@code at}. */
        private boolean startsRepeat(int at) {
            return at < re.length() && re.charAt(at) == '{'
                    && Pattern.compile("\\{[0-9]+(,[0-9]*)?}").matcher(re).region(at, re.length()).lookingAt();
        }

        private static long parseCount(String s) {
            return s.length() > 6 ? Long.MAX_VALUE : Long.parseLong(s);
        }

        private void charClass() {
            int start = i;
            out.append('[');
            i++;
            int n = re.length();
            if (i < n && re.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (true) {
                if (i >= n) {
                    throw error("missing closing ]", re.substring(start));
                }
                char c = re.charAt(i);
                if (c == ']' && !first) {
                    out.append(']');
                    i++;
                    return;
                }
                first = false;
                if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = re.substring(i + 2, end);
                        boolean neg = name.startsWith("^");
                        String mapped = POSIX.get(neg ? name.substring(1) : name);
                        if (mapped != null && neg) {
                            // \p{X} -> \P{X}, \s -> \S, \w -> \W: the escape letter in upper case negates.
                            mapped = "\\" + Character.toUpperCase(mapped.charAt(1)) + mapped.substring(2);
                        }
                        if (mapped == null) {
                            throw error("invalid character class range", re.substring(i, end + 2));
                        }
                        out.append(mapped);
                        i = end + 2;
                        continue;
                    }
                }
                switch (c) {
                    case '\\' -> escape(true);
                    case '[', ']', '&' -> {
                        out.append('\\').append(c);
                        i++;
                    }
                    default -> {
                        out.append(c);
                        i++;
                    }
                }
            }
        }

        private void escape(boolean inClass) {
            int n = re.length();
            if (i + 1 >= n) {
                throw error("trailing backslash at end of expression", "");
            }
            char c = re.charAt(i + 1);
            if (c >= '1' && c <= '7') {
                if (i + 2 >= n || re.charAt(i + 2) < '0' || re.charAt(i + 2) > '7') {
                    throw error("invalid escape sequence", re.substring(i, i + 2));
                }
            }
            if (c >= '0' && c <= '7') {
                int j = i + 1;
                int v = 0;
                while (j < n && j < i + 4 && re.charAt(j) >= '0' && re.charAt(j) <= '7') {
                    v = v * 8 + (re.charAt(j) - '0');
                    j++;
                }
                out.append("\\x{").append(Integer.toHexString(v)).append('}');
                i = j;
                return;
            }
            switch (c) {
                case 'Q' -> {
                    int end = re.indexOf("\\E", i + 2);
                    String lit = end < 0 ? re.substring(i + 2) : re.substring(i + 2, end);
                    out.append(Pattern.quote(lit));
                    i = end < 0 ? n : end + 2;
                    return;
                }
                case 'v' -> out.append("\\x0B");
                case 'a' -> out.append("\\x07");
                case 'f', 't', 'n', 'r', 'd', 'D', 's', 'S', 'w', 'W' -> out.append('\\').append(c);
                case 'b', 'B', 'A', 'z' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\" + c);
                    }
                    out.append('\\').append(c);
                }
                case 'x' -> {
                    out.append("\\x");
                    i += 2;
                    if (i < n && re.charAt(i) == '{') {
                        int end = re.indexOf('}', i);
                        if (end < 0) {
                            throw error("invalid escape sequence", re.substring(i - 2));
                        }
                        out.append(re, i, end + 1);
                        i = end + 1;
                    } else {
                        if (i + 2 > n) {
                            throw error("invalid escape sequence", re.substring(i - 2));
                        }
                        out.append(re, i, i + 2);
                        i += 2;
                    }
                    return;
                }
                case 'p', 'P' -> {
                    i += 2;
                    if (i < n && re.charAt(i) == '{') {
                        int end = re.indexOf('}', i);
                        if (end < 0) {
                            throw error("invalid character class range", re.substring(i - 2));
                        }
                        String name = re.substring(i + 1, end);
                        boolean neg = name.startsWith("^");
                        if (neg) {
                            name = name.substring(1);
                        }
                        char kind = (c == 'P') != neg ? 'P' : 'p';
                        String javaName = name.length() <= 2 || name.equals("Any") ? name : "Is" + name;
                        if (name.equals("Any")) {
                            out.append(kind == 'p' ? "[\\x{0}-\\x{10FFFF}]" : "[^\\x{0}-\\x{10FFFF}]");
                        } else {
                            out.append('\\').append(kind).append('{').append(javaName).append('}');
                        }
                        i = end + 1;
                    } else if (i < n) {
                        out.append('\\').append(c).append(re.charAt(i));
                        i++;
                    } else {
                        throw error("invalid character class range", "\\" + c);
                    }
                    return;
                }
                default -> {
                    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                        out.append('\\').append(c);
                    } else {
                        throw error("invalid escape sequence", "\\" + c);
                    }
                }
            }
            i += 2;
        }
    }
}
