package dev.pharos.alertmanager;

import dev.pharos.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The UTF-8 matcher grammar: optional braces, comma-separated {@code name op value} with
 * unquoted literals or Go-style double-quoted strings, a single trailing comma allowed.
 */
final class Utf8MatcherParser {

    private static final String RESERVED = "{}!=~,\\\"'`";

    private final String in;
    private int pos;

    private Utf8MatcherParser(String in) {
        this.in = in;
    }

    static List<LabelMatcher> parse(String input) {
        return new Utf8MatcherParser(input).run();
    }

    private List<LabelMatcher> run() {
        List<LabelMatcher> out = new ArrayList<>();
        skipSpace();
        boolean braces = false;
        if (peek() == '{') {
            braces = true;
            pos++;
        }
        while (true) {
            skipSpace();
            if (pos >= in.length()) {
                if (braces) {
                    throw error("expected close brace");
                }
                return out;
            }
            if (peek() == '}') {
                if (!braces) {
                    throw error("unexpected close brace");
                }
                pos++;
                skipSpace();
                if (pos < in.length()) {
                    throw error("expected end of input");
                }
                return out;
            }
            String name = literal("label name");
            skipSpace();
            String op = operator();
            skipSpace();
            String value = literal("label value");
            out.add(Matchers.create(Matchers.type(op), name, value));
            skipSpace();
            if (pos >= in.length()) {
                continue;
            }
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c != '}') {
                throw error("expected a comma or close brace");
            }
        }
    }

    private String operator() {
        for (String op : new String[] {"=~", "!~", "!=", "="}) {
            if (in.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw error("expected an operator such as '=', '!=', '=~' or '!~'");
    }

    private String literal(String what) {
        if (pos >= in.length()) {
            throw error("end of input: expected " + what);
        }
        if (peek() == '"') {
            return quoted();
        }
        int start = pos;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (Character.isWhitespace(c) || RESERVED.indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what);
        }
        return in.substring(start, pos);
    }

    private String quoted() {
        pos++;
        StringBuilder sb = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = null;
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                throw error("unterminated quoted string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= in.length()) {
                break;
            }
            char e = in.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append((char) 7);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append((char) 11);
                case '\\', '"' -> sb.append(e);
                case 'x' -> {
                    // Byte escapes (possibly a multi-byte UTF-8 sequence): collect consecutive ones.
                    bytes = new java.io.ByteArrayOutputStream();
                    pos--;
                    while (in.startsWith("x", pos) && pos + 3 <= in.length()) {
                        bytes.write(Integer.parseInt(in.substring(pos + 1, pos + 3), 16));
                        pos += 3;
                        if (in.startsWith("\\x", pos)) {
                            pos++;
                        } else {
                            break;
                        }
                    }
                    sb.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
                }
                case 'u' -> {
                    sb.appendCodePoint(Integer.parseInt(in.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(in.substring(pos, pos + 8), 16));
                    pos += 8;
                }
                default -> throw error("invalid escape sequence \\" + e);
            }
        }
        throw error("unterminated quoted string");
    }

    private char peek() {
        return pos < in.length() ? in.charAt(pos) : 0;
    }

    private void skipSpace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }

    private MatcherParseException error(String msg) {
        return new MatcherParseException(pos + ": " + msg + ": " + in);
    }
}
