package dev.pharos.template;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String helpers shared by the Prometheus and Alertmanager function sets, with Go semantics. */
final class TextFunctions {
    private TextFunctions() {
    }

    /** strings.ToUpper: rune by rune (no "ß" to "SS"). */
    static String toUpper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    static String toLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    /** strings.Title (Prometheus): upper-cases the first letter of each word, leaves the rest. */
    static String stringsTitle(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7f) {
            return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_');
        }
        if (Character.isLetter(r) || Character.isDigit(r)) {
            return false;
        }
        return Character.isWhitespace(r) || Character.isSpaceChar(r);
    }

    /** cases.Title (Alertmanager): title-cases each word and lower-cases the rest of it. */
    static String casesTitle(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inWord = false;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            boolean wordChar = Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK;
            boolean midLetter = (cp == '\'' || cp == '\u2019' || cp == '.' || cp == ':') && inWord
                    && i + 1 < cps.length && Character.isLetter(cps[i + 1]) && i > 0 && Character.isLetter(cps[i - 1]);
            if (wordChar || midLetter) {
                if (!inWord) {
                    sb.appendCodePoint(Character.toTitleCase(cp));
                    inWord = true;
                } else {
                    sb.appendCodePoint(Character.toLowerCase(cp));
                }
            } else {
                inWord = false;
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** strings.TrimSpace. */
    static String trimSpace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isGoSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isGoSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isGoSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f' || c == 0x85 || c == 0xA0
                || Character.isSpaceChar(c);
    }

    // ------------------------------------------------------------ regexp

    /** Compiled patterns: templates pass the same literal patterns on every execution. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_PATTERNS = 1024;

    /** Compiles an RE2 pattern; errors carry Go's wording where we know it. */
    static Pattern compile(String pattern) {
        Pattern p = PATTERNS.get(pattern);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(pattern.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new FunctionError("error parsing regexp: " + goRegexError(e) + ": `" + pattern + "`");
        }
        if (PATTERNS.size() >= MAX_CACHED_PATTERNS) {
            PATTERNS.clear();
        }
        PATTERNS.put(pattern, p);
        return p;
    }

    private static String goRegexError(PatternSyntaxException e) {
        String d = e.getDescription();
        if (d.startsWith("Unclosed group")) {
            return "missing closing )";
        }
        if (d.startsWith("Unmatched closing")) {
            return "unexpected )";
        }
        if (d.startsWith("Unclosed character class")) {
            return "missing closing ]";
        }
        if (d.startsWith("Dangling meta character")) {
            return "missing argument to repetition operator";
        }
        return "invalid syntax (" + d + ")";
    }

    static boolean match(String pattern, String text) {
        return compile(pattern).matcher(text).find();
    }

    /** regexp.MustCompile(pattern).ReplaceAllString(text, repl); a bad pattern panics as in Go. */
    static String reReplaceAll(String pattern, String repl, String text) {
        Pattern p;
        try {
            p = compile(pattern);
        } catch (FunctionError e) {
            String q = pattern.indexOf('`') < 0 ? "`" + pattern + "`" : GoFmt.quote(pattern);
            throw new FunctionError("regexp: Compile(" + q + "): " + e.getMessage());
        }
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        int prevEnd = -1;
        while (m.find()) {
            if (m.end() == m.start() && m.start() == prevEnd) {
                // Go ignores an empty match that abuts the previous match
                continue;
            }
            sb.append(text, last, m.start());
            expand(sb, repl, m);
            last = m.end();
            prevEnd = m.end();
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** Regexp.Expand: $1, ${1}, $name, ${name}, $$. */
    private static void expand(StringBuilder sb, String tmpl, Matcher m) {
        int i = 0;
        while (i < tmpl.length()) {
            char c = tmpl.charAt(i);
            if (c != '$' || i + 1 >= tmpl.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char n = tmpl.charAt(i + 1);
            if (n == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = tmpl.indexOf('}', i + 2);
                if (close < 0) {
                    sb.append('$');
                    i++;
                    continue;
                }
                name = tmpl.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < tmpl.length() && (Character.isLetterOrDigit(tmpl.charAt(j)) || tmpl.charAt(j) == '_')) {
                    j++;
                }
                name = tmpl.substring(i + 1, j);
                end = j;
            }
            if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                sb.append('$');
                i++;
                continue;
            }
            String g = null;
            if (name.chars().allMatch(Character::isDigit)) {
                try {
                    int num = Integer.parseInt(name);
                    if (num <= m.groupCount()) {
                        g = m.group(num);
                    }
                } catch (NumberFormatException e) {
                    g = null;
                }
            } else {
                try {
                    g = m.group(name);
                } catch (IllegalArgumentException e) {
                    g = null;
                }
            }
            if (g != null) {
                sb.append(g);
            }
            i = end;
        }
    }

    // ------------------------------------------------------------ numbers

    /** strconv.ParseFloat(s, 64) with Go's error text. */
    static double parseFloat(String s) {
        String t = s;
        String lower = t.toLowerCase();
        String body = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean neg = lower.startsWith("-");
        if (body.equals("inf") || body.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (body.equals("nan")) {
            return Double.NaN;
        }
        Double d = null;
        if (!body.isEmpty() && (Character.isDigit(body.charAt(0)) || body.charAt(0) == '.')) {
            d = GoLiterals.parseFloat(t);
        }
        if (d == null) {
            throw new FunctionError("strconv.ParseFloat: parsing " + GoFmt.quote(s) + ": invalid syntax");
        }
        if (Double.isInfinite(d)) {
            throw new FunctionError("strconv.ParseFloat: parsing " + GoFmt.quote(s) + ": value out of range");
        }
        return d;
    }

    /** Prometheus's convertToFloat. */
    static double toFloat(Object i) {
        if (i instanceof Double || i instanceof Float) {
            return ((Number) i).doubleValue();
        }
        if (i instanceof String) {
            return parseFloat((String) i);
        }
        if (GoValues.isInt(i)) {
            return ((Number) i).longValue();
        }
        throw new FunctionError("can't convert " + GoValues.typeName(i) + " to float");
    }

    /** url.QueryUnescape. */
    static String queryUnescape(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    String bad = s.substring(i, Math.min(i + 3, s.length()));
                    throw new FunctionError("invalid URL escape " + GoFmt.quote(bad));
                }
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 3;
            } else if (c == '+') {
                out[n++] = ' ';
                i++;
            } else {
                byte[] b = String.valueOf(Character.toChars(s.codePointAt(i))).getBytes(StandardCharsets.UTF_8);
                for (byte x : b) {
                    out[n++] = x;
                }
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
