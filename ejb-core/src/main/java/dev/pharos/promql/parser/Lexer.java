package dev.pharos.promql.parser;

import java.util.ArrayList;
import java.util.List;

/** Hand-written PromQL tokenizer. Keywords are plain identifiers; the parser gives them meaning by context. */
final class Lexer {
    private final String q;
    private int pos;

    Lexer(String query) {
        this.q = query;
    }

    List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = next();
            out.add(t);
            if (t.kind == Token.Kind.EOF) {
                return out;
            }
        }
    }

    private ParseException err(int at, String msg) {
        return new ParseException(q, at, msg);
    }

    private Token tok(Token.Kind k, int start) {
        return new Token(k, q.substring(start, pos), start, pos, 0, 0);
    }

    private Token next() {
        while (pos < q.length()) {
            char c = q.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < q.length() && q.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        int start = pos;
        if (pos >= q.length()) {
            return new Token(Token.Kind.EOF, "", pos, pos, 0, 0);
        }
        char c = q.charAt(pos);
        switch (c) {
            case '(' -> { pos++; return tok(Token.Kind.LPAREN, start); }
            case ')' -> { pos++; return tok(Token.Kind.RPAREN, start); }
            case '{' -> { pos++; return tok(Token.Kind.LBRACE, start); }
            case '}' -> { pos++; return tok(Token.Kind.RBRACE, start); }
            case '[' -> { pos++; return tok(Token.Kind.LBRACKET, start); }
            case ']' -> { pos++; return tok(Token.Kind.RBRACKET, start); }
            case ',' -> { pos++; return tok(Token.Kind.COMMA, start); }
            case ':' -> {
                // A colon starts a metric name only when followed by a name character.
                if (pos + 1 < q.length() && isIdentChar(q.charAt(pos + 1)) && !Character.isDigit(q.charAt(pos + 1))) {
                    return ident(start);
                }
                pos++;
                return tok(Token.Kind.COLON, start);
            }
            case '+', '-', '*', '/', '%', '^', '@' -> { pos++; return tok(Token.Kind.OP, start); }
            case '=' -> {
                pos++;
                if (pos < q.length() && (q.charAt(pos) == '=' || q.charAt(pos) == '~')) {
                    pos++;
                }
                return tok(Token.Kind.OP, start);
            }
            case '!' -> {
                pos++;
                if (pos < q.length() && (q.charAt(pos) == '=' || q.charAt(pos) == '~')) {
                    pos++;
                    return tok(Token.Kind.OP, start);
                }
                throw err(start, "unexpected character after '!': " + (pos < q.length() ? "'" + q.charAt(pos) + "'" : "end of input"));
            }
            case '<', '>' -> {
                pos++;
                if (pos < q.length() && q.charAt(pos) == '=') {
                    pos++;
                }
                return tok(Token.Kind.OP, start);
            }
            case '"', '\'', '`' -> { return string(c); }
            default -> { }
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < q.length() && Character.isDigit(q.charAt(pos + 1)))) {
            return numberOrDuration();
        }
        if (isIdentStart(c)) {
            return ident(start);
        }
        throw err(start, "unexpected character: " + describeChar(c));
    }

    private static String describeChar(char c) {
        return "'" + c + "'";
    }

    static boolean isIdentStart(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isWordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isIdentChar(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private Token ident(int start) {
        while (pos < q.length() && isIdentChar(q.charAt(pos))) {
            pos++;
        }
        return tok(Token.Kind.IDENT, start);
    }

    private Token numberOrDuration() {
        int start = pos;
        // A duration is digits followed directly by a unit.
        int p = pos;
        while (p < q.length() && Character.isDigit(q.charAt(p))) {
            p++;
        }
        if (p < q.length() && "smhdwy".indexOf(q.charAt(p)) >= 0 && p > pos) {
            // ensure it's not e.g. "5m" followed by ident chars making it something else: scan full duration
            int save = pos;
            long ms = 0;
            int lastUnit = -1;
            String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
            long[] mult = {365L * 86400000, 7L * 86400000, 86400000L, 3600000L, 60000L, 1000L, 1L};
            while (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                int ds = pos;
                while (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                    pos++;
                }
                long n;
                try {
                    n = Long.parseLong(q.substring(ds, pos));
                } catch (NumberFormatException e) {
                    throw err(start, "not a valid duration string: \"" + q.substring(start, pos) + "\"");
                }
                int u = -1;
                if (q.startsWith("ms", pos)) {
                    u = 6;
                    pos += 2;
                } else if (pos < q.length() && "ywdhms".indexOf(q.charAt(pos)) >= 0) {
                    u = "ywdhms".indexOf(q.charAt(pos));
                    pos++;
                }
                if (u < 0) {
                    pos = save;
                    break;
                }
                if (u <= lastUnit) {
                    while (pos < q.length() && isIdentChar(q.charAt(pos))) {
                        pos++;
                    }
                    throw err(start, "not a valid duration string: \"" + q.substring(start, pos) + "\"");
                }
                lastUnit = u;
                ms = Math.addExact(ms, Math.multiplyExact(n, mult[u]));
            }
            if (pos > save) {
                if (pos < q.length() && isWordChar(q.charAt(pos))) {
                    while (pos < q.length() && isIdentChar(q.charAt(pos))) {
                        pos++;
                    }
                    throw err(start, "bad number or duration syntax: \"" + q.substring(start, pos) + "\"");
                }
                return new Token(Token.Kind.DURATION, q.substring(start, pos), start, pos, ms / 1000.0, ms);
            }
        }
        // Number: hex, decimal with optional fraction and exponent.
        pos = start;
        boolean hex = false;
        if (q.startsWith("0x", pos) || q.startsWith("0X", pos)) {
            hex = true;
            pos += 2;
            while (pos < q.length() && (Character.digit(q.charAt(pos), 16) >= 0 || q.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            while (pos < q.length() && (Character.isDigit(q.charAt(pos)) || q.charAt(pos) == '_')) {
                pos++;
            }
            if (pos < q.length() && q.charAt(pos) == '.') {
                pos++;
                while (pos < q.length() && (Character.isDigit(q.charAt(pos)) || q.charAt(pos) == '_')) {
                    pos++;
                }
            }
            if (pos < q.length() && (q.charAt(pos) == 'e' || q.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < q.length() && (q.charAt(pos) == '+' || q.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                    while (pos < q.length() && Character.isDigit(q.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
        }
        if (pos < q.length() && isWordChar(q.charAt(pos))) {
            while (pos < q.length() && isWordChar(q.charAt(pos))) {
                pos++;
            }
            throw err(start, "bad number or duration syntax: \"" + q.substring(start, pos) + "\"");
        }
        String text = q.substring(start, pos);
        return new Token(Token.Kind.NUMBER, text, start, pos, parseNumber(text, hex, start), 0);
    }

    private double parseNumber(String text, boolean hex, int at) {
        String s = text.replace("_", "");
        try {
            if (hex) {
                return (double) Long.parseUnsignedLong(s.substring(2), 16);
            }
            // Go's ParseInt(s, 0, 64) reads a leading 0 as octal.
            if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                return (double) Long.parseLong(s.substring(1), 8);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw err(at, "bad number or duration syntax: \"" + text + "\"");
        }
    }

    private Token string(char quote) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= q.length()) {
                throw err(start, "unterminated quoted string");
            }
            char c = q.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (quote != '`' && c == '\n') {
                throw err(start, "unterminated quoted string");
            }
            if (c == '\\' && quote != '`') {
                pos++;
                if (pos >= q.length()) {
                    throw err(start, "unterminated quoted string");
                }
                char e = q.charAt(pos++);
                switch (e) {
                    case 'a' -> sb.append((char) 7);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'v' -> sb.append((char) 11);
                    case '\\' -> sb.append('\\');
                    case 'x' -> appendBytes(sb, hexDigits(2, 16, start));
                    case 'u' -> sb.appendCodePoint(hexDigits(4, 16, start));
                    case 'U' -> sb.appendCodePoint(hexDigits(8, 16, start));
                    default -> {
                        if (e == quote) {
                            sb.append(e);
                        } else if (e >= '0' && e <= '7') {
                            pos--;
                            appendBytes(sb, hexDigits(3, 8, start));
                        } else {
                            throw err(pos - 2, "unknown escape sequence U+" + String.format("%04X", (int) e) + " '" + e + "'");
                        }
                    }
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
        return new Token(Token.Kind.STRING, fixBytes(sb.toString()), start, pos, 0, 0);
    }

    // \x and octal escapes denote bytes; collect them as chars 0x100+b then decode as UTF-8.
    private static void appendBytes(StringBuilder sb, int b) {
        sb.append((char) (0xE000 + b)); // private-use marker, decoded in fixBytes
    }

    /**
     * Turns the byte markers of \x and octal escapes into text: valid UTF-8 sequences become
     * their characters, invalid bytes become lone surrogates U+DC80..U+DCFF ("surrogate
     * escape") so that messages can still print them as Go does ("a\xc5z").
     */
    private static String fixBytes(String s) {
        if (s.chars().noneMatch(ch -> ch >= 0xE000 && ch <= 0xE0FF)) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0xE000 && ch <= 0xE0FF) {
                out.write(ch - 0xE000);
            } else {
                byte[] b = String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(ch) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    i++;
                }
                out.write(b, 0, b.length);
            }
        }
        byte[] bytes = out.toByteArray();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xff;
            int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xe ? 3 : (b0 >> 3) == 0x1e ? 4 : 0;
            boolean ok = len > 0 && i + len <= bytes.length;
            for (int k = 1; ok && k < len; k++) {
                ok = (bytes[i + k] & 0xc0) == 0x80;
            }
            if (ok) {
                String dec = new String(bytes, i, len, java.nio.charset.StandardCharsets.UTF_8);
                if (dec.indexOf('\uFFFD') < 0 || (len == 3 && b0 == 0xef)) {
                    sb.append(dec);
                    i += len;
                    continue;
                }
            }
            sb.append((char) (0xDC00 + b0));
            i++;
        }
        return sb.toString();
    }

    private int hexDigits(int n, int radix, int start) {
        if (pos + n > q.length()) {
            throw err(start, "unterminated quoted string");
        }
        String d = q.substring(pos, pos + n);
        pos += n;
        try {
            int v = Integer.parseInt(d, radix);
            if (radix == 8 && v > 255) {
                throw err(start, "invalid escape sequence");
            }
            return v;
        } catch (NumberFormatException e) {
            throw err(start, "illegal character in escape sequence");
        }
    }
}
