package dev.pharos.template;

/** Go literal syntax: string/char unquoting (strconv.Unquote) and number parsing (base prefixes, underscores). */
final class GoLiterals {
    private GoLiterals() {
    }

    /** strconv.Unquote for "..." and `...` literals; IllegalArgumentException on bad syntax. */
    static String unquote(String s) {
        if (s.length() < 2) {
            throw new IllegalArgumentException();
        }
        char q = s.charAt(0);
        if (q != s.charAt(s.length() - 1)) {
            throw new IllegalArgumentException();
        }
        String body = s.substring(1, s.length() - 1);
        if (q == '`') {
            return body.replace("\r", "");
        }
        if (q != '"') {
            throw new IllegalArgumentException();
        }
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder();
        int[] i = {0};
        while (i[0] < body.length()) {
            char c = body.charAt(i[0]);
            if (c != '\\') {
                sb.append(c);
                i[0]++;
                continue;
            }
            decodeEscape(body, i, sb, '"');
        }
        return sb.toString();
    }

    /** The rune of a 'x' character constant. */
    static int unquoteChar(String s) {
        if (s.length() < 3 || s.charAt(0) != '\'' || s.charAt(s.length() - 1) != '\'') {
            throw new IllegalArgumentException();
        }
        String body = s.substring(1, s.length() - 1);
        if (body.charAt(0) != '\\') {
            if (body.codePointCount(0, body.length()) != 1) {
                throw new IllegalArgumentException();
            }
            return body.codePointAt(0);
        }
        StringBuilder sb = new StringBuilder();
        int[] i = {0};
        decodeEscape(body, i, sb, '\'');
        if (i[0] != body.length()) {
            throw new IllegalArgumentException();
        }
        return sb.codePointAt(0);
    }

    private static void decodeEscape(String body, int[] i, StringBuilder sb, char quote) {
        int p = i[0] + 1;
        if (p >= body.length()) {
            throw new IllegalArgumentException();
        }
        char e = body.charAt(p);
        p++;
        switch (e) {
            case 'a': sb.append('\u0007'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'v': sb.append('\u000b'); break;
            case '\\': sb.append('\\'); break;
            case '"':
            case '\'':
                if (e != quote) {
                    throw new IllegalArgumentException();
                }
                sb.append(e);
                break;
            case 'x':
            case 'u':
            case 'U': {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (p + n > body.length()) {
                    throw new IllegalArgumentException();
                }
                int v = Integer.parseUnsignedInt(body.substring(p, p + n), 16);
                p += n;
                if (e == 'x') {
                    // a single byte; Go strings are bytes, we approximate with the Latin-1 char
                    sb.append((char) v);
                } else {
                    sb.appendCodePoint(v);
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    if (p + 2 > body.length()) {
                        throw new IllegalArgumentException();
                    }
                    int v = Integer.parseInt(body.substring(p - 1, p + 2), 8);
                    p += 2;
                    sb.append((char) v);
                    break;
                }
                throw new IllegalArgumentException();
        }
        i[0] = p;
    }

    /** strconv.ParseInt(s, 0, 64), or null when s is not an integer literal. */
    static Long parseInt(String s) {
        String t = s;
        boolean neg = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        boolean prefixed = false;
        if (t.length() > 1 && t.charAt(0) == '0') {
            char p = Character.toLowerCase(t.charAt(1));
            if (p == 'x') {
                radix = 16;
                t = t.substring(2);
                prefixed = true;
            } else if (p == 'o') {
                radix = 8;
                t = t.substring(2);
                prefixed = true;
            } else if (p == 'b') {
                radix = 2;
                t = t.substring(2);
                prefixed = true;
            } else {
                radix = 8;
                t = t.substring(1);
                prefixed = true;
            }
        }
        if (t.contains("_")) {
            // underscores only between digits (or right after a base prefix)
            if (t.startsWith("_") && !prefixed || t.endsWith("_") || t.contains("__")) {
                return null;
            }
            t = t.replace("_", "");
        }
        if (t.isEmpty()) {
            return prefixed && radix == 8 ? 0L : null;
        }
        try {
            long v = Long.parseLong((neg ? "-" : "") + t, radix);
            return v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern DECIMAL_FLOAT =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final java.util.regex.Pattern HEX_FLOAT = java.util.regex.Pattern.compile(
            "[+-]?0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");

    /** strconv.ParseFloat(s, 64) syntax for decimal and hex floats (underscores allowed), or null. */
    static Double parseFloat(String s) {
        if (s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String t = s.replace("_", "");
        if (!DECIMAL_FLOAT.matcher(t).matches() && !HEX_FLOAT.matcher(t).matches()) {
            return null;
        }
        return Double.parseDouble(t);
    }
}
