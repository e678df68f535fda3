package dev.pharos.alertmanager;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matcher strings as the Alertmanager reads them in its default "fallback" mode: the classic
 * parser's result is used whenever it accepts the input (it also wins on disagreement), the
 * UTF-8 parser's result when only it accepts it, and the classic error otherwise.
 */
public final class Matchers {

    /** Sort order of the original: by name, then value, then operator. */
    public static final Comparator<LabelMatcher> ORDER = Comparator
            .comparing(LabelMatcher::name)
            .thenComparing(LabelMatcher::value)
            .thenComparing(m -> m.type().ordinal());

    private static final Pattern CLASSIC = Pattern.compile(
            "^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private Matchers() {
    }

    public static boolean isValidLabelName(String name) {
        return LABEL_NAME.matcher(name).matches();
    }

    /** Parses one matcher expression (possibly several comma-separated matchers, in braces or not). */
    public static List<LabelMatcher> parse(String input) {
        try {
            return parseClassic(input);
        } catch (MatcherParseException classicError) {
            try {
                return Utf8MatcherParser.parse(input);
            } catch (MatcherParseException utf8Error) {
                throw classicError;
            }
        }
    }

    /** Parses exactly one matcher, as the API's {@code filter} parameters do. */
    public static LabelMatcher parseOne(String input) {
        List<LabelMatcher> ms = parse(input);
        if (ms.size() != 1) {
            throw new MatcherParseException("bad matcher format: " + input);
        }
        return ms.get(0);
    }

    public static LabelMatcher create(MatchType type, String name, String value) {
        try {
            return new LabelMatcher(type, name, value);
        } catch (PatternSyntaxException e) {
            throw new MatcherParseException("error parsing regexp: " + e.getDescription()
                    + ": `" + value + "`");
        }
    }

    static List<LabelMatcher> parseClassic(String s) {
        if (s.startsWith("{")) {
            s = s.substring(1);
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' && !inQuotes) {
                tokens.add(token.toString());
                token.setLength(0);
                continue;
            }
            if (c == '"') {
                if (!escaped) {
                    inQuotes = !inQuotes;
                } else {
                    escaped = false;
                }
            } else if (c == '\\') {
                escaped = !escaped;
            } else {
                escaped = false;
            }
            token.append(c);
        }
        String last = token.toString().trim();
        if (!last.isEmpty()) {
            tokens.add(last);
        }
        List<LabelMatcher> out = new ArrayList<>();
        for (String t : tokens) {
            out.add(parseClassicOne(t));
        }
        return out;
    }

    private static LabelMatcher parseClassicOne(String s) {
        Matcher m = CLASSIC.matcher(s);
        if (!m.matches()) {
            throw new MatcherParseException("bad matcher format: " + s);
        }
        String raw = m.group(3);
        boolean expectTrailingQuote = false;
        if (raw.startsWith("\"")) {
            raw = raw.substring(1);
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            if (c == '\\') {
                if (i < raw.length() - 1) {
                    escaped = true;
                    continue;
                }
                value.append('\\');
            } else if (c == '"') {
                if (!expectTrailingQuote || i < raw.length() - 1) {
                    throw new MatcherParseException(
                            "matcher value contains unescaped double quote: " + m.group(3));
                }
                expectTrailingQuote = false;
            } else {
                value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw new MatcherParseException("matcher value contains unescaped double quote: " + m.group(3));
        }
        return create(type(m.group(2)), m.group(1), value.toString());
    }

    static MatchType type(String op) {
        return switch (op) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            case "!~" -> MatchType.NOT_REGEX;
            default -> throw new MatcherParseException("unknown match type " + op);
        };
    }

    /** One matcher as the original prints it: {@code name=~"value"} with Go quoting. */
    public static String format(LabelMatcher m) {
        StringBuilder sb = new StringBuilder(m.name()).append(m.type().symbol());
        GoQuote.appendQuoted(sb, m.value());
        return sb.toString();
    }

    /** A matcher list as the original prints it: {@code {a="b",c=~"d"}}. */
    public static String format(List<LabelMatcher> ms) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < ms.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(format(ms.get(i)));
        }
        return sb.append('}').toString();
    }

    public static boolean matchesAll(List<LabelMatcher> ms, Labels labels) {
        for (LabelMatcher m : ms) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public static List<LabelMatcher> sorted(List<LabelMatcher> ms) {
        List<LabelMatcher> out = new ArrayList<>(ms);
        out.sort(ORDER);
        return out;
    }
}
