package dev.pharos.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Go's fmt package for the values templates see: Sprint, Sprintln, Sprintf with the verbs,
 * flags, width and precision of the common cases, and %v printing of maps, slices, structs,
 * floats (shortest repr, exponent from 1e21 / below 1e-4), nil ("&lt;nil&gt;").
 */
public final class GoFmt {
    private GoFmt() {
    }

    /** fmt.Sprint: operands separated by a space when neither side is a string. */
    public static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            boolean isString = a instanceof String || a instanceof GoString;
            if (i > 0 && !isString && !prevString) {
                sb.append(' ');
            }
            new Printer(sb).printArg(a, 'v');
            prevString = isString;
        }
        return sb.toString();
    }

    /** fmt.Sprintln: operands always separated by spaces, newline appended. */
    public static String sprintln(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            new Printer(sb).printArg(args.get(i), 'v');
        }
        return sb.append('\n').toString();
    }

    /** %v of one value. */
    public static String valueString(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        StringBuilder sb = new StringBuilder();
        new Printer(sb).printArg(v, 'v');
        return sb.toString();
    }

    /** fmt.Sprintf. */
    public static String sprintf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        new Printer(sb).doPrintf(format, args);
        return sb.toString();
    }

    public static String sprintf(String format, Object... args) {
        return sprintf(format, java.util.Arrays.asList(args));
    }

    /** strconv.Quote. */
    public static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    static String quoteRune(int r) {
        return quoteWith(new String(Character.toChars(r)), '\'', false);
    }

    /** %#U: U+0041 'A'. */
    static String unicodeRune(int cp) {
        String u = String.format("U+%04X", cp);
        if (isPrint(cp)) {
            return u + " '" + new String(Character.toChars(cp)) + "'";
        }
        return u;
    }

    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.UNASSIGNED:
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    static String quoteWith(String s, char q, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == q || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
                continue;
            }
            if (asciiOnly ? (cp < 0x80 && isPrint(cp)) : isPrint(cp)) {
                sb.appendCodePoint(cp);
                continue;
            }
            switch (cp) {
                case 7: sb.append("\\a"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case 11: sb.append("\\v"); break;
                default:
                    if (cp < ' ' || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
            }
        }
        return sb.append(q).toString();
    }

    // ---------------------------------------------------------------- floats

    /** Decimal digits (no leading/trailing zeros) and decimal point position: value = 0.digits * 10^dp. */
    private record Digits(String d, int dp) {
    }

    private static Digits shortestDigits(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        String t = Double.toString(abs);
        int e = t.indexOf('E');
        String mant = e < 0 ? t : t.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(t.substring(e + 1));
        int point = mant.indexOf('.');
        String digits = mant.substring(0, point) + mant.substring(point + 1);
        int dp = point + exp;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        dp -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.length() >= 17 || abs < Double.MIN_NORMAL) {
            // Double.toString before JDK 19 is sometimes longer than the shortest
            // round-tripping form (4.9E-324 for 5e-324); shorten while the closest
            // shorter decimal still round-trips.
            BigDecimal exact = new BigDecimal(abs);
            BigDecimal bd = new BigDecimal(digits).scaleByPowerOfTen(dp - digits.length());
            while (bd.precision() > 1) {
                BigDecimal shorter = exact.round(new MathContext(bd.precision() - 1, RoundingMode.HALF_EVEN));
                if (shorter.doubleValue() != abs) {
                    break;
                }
                bd = shorter.stripTrailingZeros();
            }
            String u = bd.unscaledValue().toString();
            return new Digits(u, u.length() - bd.scale());
        }
        return new Digits(digits, dp);
    }

    /**
     * The value rounded to sig (at least 1) significant digits, as Go rounds the exact binary
     * value. The shortest digits decide it unless they end exactly on a tie; then exactly.
     */
    private static Digits roundedDigits(double abs, int sig) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        Digits s = shortestDigits(abs);
        int n = s.d.length();
        if (n <= sig && sig <= 15) {
            // the exact value is within half an ulp of the shortest digits: at 15 digits or
            // fewer it rounds to them; longer requests show the exact binary expansion
            return s;
        }
        if (n <= sig || n == sig + 1 && s.d.charAt(sig) == '5') {
            BigDecimal bd = new BigDecimal(abs).round(new MathContext(sig, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            String u = bd.unscaledValue().toString();
            return new Digits(u, u.length() - bd.scale());
        }
        char[] d = s.d.substring(0, sig).toCharArray();
        int dp = s.dp;
        if (s.d.charAt(sig) >= '5') {
            int i = sig - 1;
            while (i >= 0 && d[i] == '9') {
                d[i] = '0';
                i--;
            }
            if (i < 0) {
                char[] nd = new char[d.length + 1];
                nd[0] = '1';
                System.arraycopy(d, 0, nd, 1, d.length);
                d = nd;
                dp++;
            } else {
                d[i]++;
            }
        }
        int end = d.length;
        while (end > 1 && d[end - 1] == '0') {
            end--;
        }
        return new Digits(new String(d, 0, end), dp);
    }

    private static void fmtE(StringBuilder sb, Digits digs, int prec, char e) {
        sb.append(digs.d.isEmpty() ? '0' : digs.d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                sb.append(i < digs.d.length() ? digs.d.charAt(i) : '0');
            }
        }
        sb.append(e);
        int exp = digs.d.isEmpty() ? 0 : digs.dp - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits digs, int prec) {
        if (digs.dp > 0) {
            for (int i = 0; i < digs.dp; i++) {
                sb.append(i < digs.d.length() ? digs.d.charAt(i) : '0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digs.dp + i - 1;
                sb.append(j >= 0 && j < digs.d.length() ? digs.d.charAt(j) : '0');
            }
        }
    }

    /** strconv.FormatFloat(v, verb, prec, 64) for verbs e E f F g G; always with a leading sign. */
    static String formatFloat(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        StringBuilder sb = new StringBuilder();
        sb.append(neg ? '-' : '+');
        switch (verb) {
            case 'e':
            case 'E': {
                Digits digs = prec < 0 ? shortestDigits(abs) : roundedDigits(abs, prec + 1);
                fmtE(sb, digs, prec < 0 ? Math.max(digs.d.length() - 1, 0) : prec, verb);
                break;
            }
            case 'f':
            case 'F': {
                if (prec < 0) {
                    Digits digs = shortestDigits(abs);
                    fmtF(sb, digs, Math.max(digs.d.length() - digs.dp, 0));
                } else {
                    Digits digs = abs == 0 ? new Digits("", 0) : shortestDigits(abs);
                    int sig = digs.dp + prec;
                    if (sig <= 0) {
                        // rounds at a position left of the first digit: exact arithmetic
                        sb.append(new BigDecimal(abs).setScale(prec, RoundingMode.HALF_EVEN).toPlainString());
                    } else {
                        fmtF(sb, roundedDigits(abs, sig), prec);
                    }
                }
                break;
            }
            default: { // g G
                boolean shortest = prec < 0;
                Digits digs;
                int p = prec;
                if (shortest) {
                    digs = shortestDigits(abs);
                    p = digs.d.length();
                } else {
                    if (p == 0) {
                        p = 1;
                    }
                    digs = roundedDigits(abs, p);
                }
                int nd = digs.d.length();
                int eprec = p;
                if (eprec > nd && nd >= digs.dp) {
                    eprec = nd;
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp - 1;
                char e = verb == 'G' ? 'E' : 'e';
                if (exp < -4 || exp >= eprec) {
                    int pp = p > nd ? nd : p;
                    fmtE(sb, digs, Math.max(pp - 1, 0), e);
                } else {
                    int pp = p > digs.dp ? nd : p;
                    fmtF(sb, digs, Math.max(pp - digs.dp, 0));
                }
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- printer

    /** One formatting run (Go's pp + fmt state); not shared between threads. */
    static final class Printer {
        private final StringBuilder buf;
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        boolean plusV;
        boolean sharpV;
        boolean widPresent;
        boolean precPresent;
        int wid;
        int prec;

        Printer(StringBuilder buf) {
            this.buf = buf;
        }

        private void clearFlags() {
            plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
            wid = prec = 0;
        }

        void doPrintf(String format, List<Object> args) {
            int end = format.length();
            int argNum = 0;
            int i = 0;
            while (i < end) {
                int lasti = i;
                while (i < end && format.charAt(i) != '%') {
                    i++;
                }
                if (i > lasti) {
                    buf.append(format, lasti, i);
                }
                if (i >= end) {
                    break;
                }
                i++;
                clearFlags();
                flags:
                for (; i < end; i++) {
                    switch (format.charAt(i)) {
                        case '#': sharp = true; break;
                        case '0': zero = !minus; break;
                        case '+': plus = true; break;
                        case '-': minus = true; zero = false; break;
                        case ' ': space = true; break;
                        default: break flags;
                    }
                }
                // width
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer w = argNum < args.size() ? intArg(args.get(argNum)) : null;
                    argNum++;
                    if (w == null) {
                        buf.append("%!(BADWIDTH)");
                    } else {
                        wid = w;
                        widPresent = true;
                        if (wid < 0) {
                            minus = true;
                            zero = false;
                            wid = -wid;
                        }
                    }
                } else {
                    int st = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    if (i > st) {
                        wid = Integer.parseInt(format.substring(st, Math.min(i, st + 9)));
                        widPresent = true;
                    }
                }
                // precision
                if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                    i++;
                    if (i < end && format.charAt(i) == '*') {
                        i++;
                        Integer p = argNum < args.size() ? intArg(args.get(argNum)) : null;
                        argNum++;
                        if (p == null || p < 0) {
                            precPresent = false;
                            buf.append("%!(BADPREC)");
                        } else {
                            prec = p;
                            precPresent = true;
                        }
                    } else {
                        int st = i;
                        while (i < end && Character.isDigit(format.charAt(i))) {
                            i++;
                        }
                        prec = i > st ? Integer.parseInt(format.substring(st, Math.min(i, st + 9))) : 0;
                        precPresent = true;
                    }
                }
                if (i >= end) {
                    buf.append("%!(NOVERB)");
                    break;
                }
                int verb = format.codePointAt(i);
                i += Character.charCount(verb);
                if (verb == '%') {
                    buf.append('%');
                    continue;
                }
                if (argNum >= args.size()) {
                    buf.append("%!").appendCodePoint(verb).append("(MISSING)");
                    continue;
                }
                if (verb == 'v') {
                    if (sharp) {
                        sharp = false;
                        sharpV = true;
                    }
                    if (plus) {
                        plus = false;
                        plusV = true;
                    }
                }
                printArg(args.get(argNum), verb);
                argNum++;
            }
            if (argNum < args.size()) {
                clearFlags();
                buf.append("%!(EXTRA ");
                for (int k = argNum; k < args.size(); k++) {
                    if (k > argNum) {
                        buf.append(", ");
                    }
                    Object a = args.get(k);
                    if (a == null) {
                        buf.append("<nil>");
                    } else {
                        buf.append(GoValues.typeName(a)).append('=');
                        printArg(a, 'v');
                    }
                }
                buf.append(')');
            }
        }

        private static Integer intArg(Object o) {
            if (GoValues.isInt(o)) {
                long v = ((Number) o).longValue();
                if (v > 1_000_000 || v < -1_000_000) {
                    return null;
                }
                return (int) v;
            }
            return null;
        }

        void printArg(Object arg, int verb) {
            if (arg == null) {
                if (verb == 'T' || verb == 'v') {
                    pad("<nil>");
                } else {
                    badVerb(null, verb);
                }
                return;
            }
            if (verb == 'T') {
                pad(GoValues.typeName(arg));
                return;
            }
            printValue(arg, verb, 0);
        }

        private void badVerb(Object arg, int verb) {
            buf.append("%!").appendCodePoint(verb).append('(');
            if (arg != null) {
                buf.append(GoValues.typeName(arg)).append('=');
                boolean savedPlus = plusV;
                printArg(arg, 'v');
                plusV = savedPlus;
            } else {
                buf.append("<nil>");
            }
            buf.append(')');
        }

        void printValue(Object v, int verb, int depth) {
            if (v == null) {
                // a nil element inside a container
                pad("<nil>");
                return;
            }
            if (v instanceof Boolean) {
                if (verb == 't' || verb == 'v') {
                    pad(v.toString());
                } else {
                    badVerb(v, verb);
                }
                return;
            }
            if (GoValues.isInt(v)) {
                fmtInteger(((Number) v).longValue(), verb, v);
                return;
            }
            if (v instanceof Double || v instanceof Float) {
                fmtFloatVerb(((Number) v).doubleValue(), verb, v);
                return;
            }
            if (v instanceof String || v instanceof GoString) {
                fmtString(v.toString(), verb, v);
                return;
            }
            if (v instanceof GoStringer) {
                if (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') {
                    fmtString(((GoStringer) v).goString(), verb, v);
                } else {
                    badVerb(v, verb);
                }
                return;
            }
            Map<?, ?> m = GoValues.asMap(v);
            if (m != null) {
                buf.append("map[");
                boolean first = true;
                for (Object k : GoValues.sortedKeys(m)) {
                    if (!first) {
                        buf.append(' ');
                    }
                    first = false;
                    printValue(k, verb, depth + 1);
                    buf.append(':');
                    printValue(m.get(k), verb, depth + 1);
                }
                buf.append(']');
                return;
            }
            if (v instanceof List) {
                buf.append('[');
                List<?> l = (List<?>) v;
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        buf.append(' ');
                    }
                    printValue(l.get(i), verb, depth + 1);
                }
                buf.append(']');
                return;
            }
            if (v.getClass().isArray() && v instanceof Object[]) {
                printValue(java.util.Arrays.asList((Object[]) v), verb, depth);
                return;
            }
            GoStruct s = GoValues.asStruct(v);
            if (s != null) {
                if (s.goPointer() && depth == 0) {
                    buf.append('&');
                }
                buf.append('{');
                List<String> names = s.goFieldNames();
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        buf.append(' ');
                    }
                    if (plusV) {
                        buf.append(names.get(i)).append(':');
                    }
                    printValue(s.goField(names.get(i)), verb, depth + 1);
                }
                buf.append('}');
                return;
            }
            fmtString(v.toString(), verb, v);
        }

        private void fmtString(String s, int verb, Object orig) {
            switch (verb) {
                case 'v':
                    if (sharpV) {
                        pad(quote(s));
                    } else {
                        padPrec(s);
                    }
                    break;
                case 's':
                    padPrec(s);
                    break;
                case 'q':
                    String t = precPresent ? truncate(s) : s;
                    if (sharp && t.indexOf('`') < 0 && t.chars().allMatch(c -> c == '\t' || c >= ' ' && c != 0x7f)) {
                        pad("`" + t + "`");
                    } else {
                        pad(quoteWith(t, '"', plus));
                    }
                    break;
                case 'x':
                case 'X':
                    fmtHexBytes((precPresent ? truncate(s) : s).getBytes(StandardCharsets.UTF_8), verb == 'X');
                    break;
                default:
                    badVerb(orig, verb);
            }
        }

        private void fmtHexBytes(byte[] b, boolean upper) {
            StringBuilder sb = new StringBuilder();
            String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
            for (int i = 0; i < b.length; i++) {
                if (space && i > 0) {
                    sb.append(' ');
                }
                if (sharp && (space || i == 0)) {
                    sb.append(upper ? "0X" : "0x");
                }
                sb.append(digits.charAt((b[i] >> 4) & 0xf)).append(digits.charAt(b[i] & 0xf));
            }
            pad(sb.toString());
        }

        private String truncate(String s) {
            if (precPresent && s.codePointCount(0, s.length()) > prec) {
                return s.substring(0, s.offsetByCodePoints(0, prec));
            }
            return s;
        }

        private void padPrec(String s) {
            pad(truncate(s));
        }

        private void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = s.codePointCount(0, s.length());
            int n = wid - width;
            if (n <= 0) {
                buf.append(s);
                return;
            }
            if (minus) {
                buf.append(s);
                repeat(' ', n);
            } else {
                repeat(zero ? '0' : ' ', n);
                buf.append(s);
            }
        }

        private void repeat(char c, int n) {
            for (int i = 0; i < n; i++) {
                buf.append(c);
            }
        }

        private void fmtInteger(long v, int verb, Object orig) {
            switch (verb) {
                case 'v':
                case 'd':
                    integer(v, 10, verb, "0123456789");
                    break;
                case 'b':
                    integer(v, 2, verb, "01");
                    break;
                case 'o':
                case 'O':
                    integer(v, 8, verb, "01234567");
                    break;
                case 'x':
                    integer(v, 16, verb, "0123456789abcdef");
                    break;
                case 'X':
                    integer(v, 16, verb, "0123456789ABCDEF");
                    break;
                case 'c':
                    pad(validRune(v) ? new String(Character.toChars((int) v)) : "\uFFFD");
                    break;
                case 'q':
                    pad(validRune(v) ? quoteWith(new String(Character.toChars((int) v)), '\'', plus) : "'\uFFFD'");
                    break;
                case 'U': {
                    String u = String.format("U+%04X", v);
                    if (sharp && validRune(v) && isPrint((int) v)) {
                        u += " '" + new String(Character.toChars((int) v)) + "'";
                    }
                    pad(u);
                    break;
                }
                default:
                    badVerb(orig, verb);
            }
        }

        private static boolean validRune(long v) {
            return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
        }

        private void integer(long v, int base, int verb, String digits) {
            boolean negative = v < 0;
            String mag = negative ? Long.toUnsignedString(-v, base) : Long.toString(v, base);
            if (v == Long.MIN_VALUE) {
                mag = new java.math.BigInteger(Long.toString(v)).negate().toString(base);
            }
            if (digits.charAt(10 % digits.length()) == 'A') {
                mag = mag.toUpperCase();
            }
            int precision = -1;
            if (precPresent) {
                precision = prec;
                if (precision == 0 && v == 0) {
                    boolean oldZero = zero;
                    zero = false;
                    pad("");
                    zero = oldZero;
                    return;
                }
            } else if (zero && widPresent) {
                precision = wid;
                if (negative || plus || space) {
                    precision--;
                }
            }
            StringBuilder sb = new StringBuilder();
            while (sb.length() + mag.length() < precision) {
                sb.append('0');
            }
            sb.append(mag);
            String prefix = "";
            if (sharp) {
                if (base == 8 && sb.charAt(0) != '0') {
                    prefix = "0";
                } else if (base == 16) {
                    prefix = verb == 'X' ? "0X" : "0x";
                } else if (base == 2) {
                    prefix = "0b";
                }
            }
            if (verb == 'O') {
                prefix = "0o";
            }
            String sign = negative ? "-" : plus ? "+" : space ? " " : "";
            boolean oldZero = zero;
            zero = false;
            pad(sign + prefix + sb);
            zero = oldZero;
        }

        private void fmtFloatVerb(double v, int verb, Object orig) {
            switch (verb) {
                case 'v':
                    fmtFloat(v, 'g', -1);
                    break;
                case 'g':
                case 'G':
                    fmtFloat(v, (char) verb, -1);
                    break;
                case 'f':
                case 'F':
                case 'e':
                case 'E':
                    fmtFloat(v, (char) verb, 6);
                    break;
                default:
                    badVerb(orig, verb);
            }
        }

        private void fmtFloat(double v, char verb, int defPrec) {
            int p = precPresent ? prec : defPrec;
            String num = formatFloat(v, verb, p);
            char[] n = num.toCharArray();
            if (space && n[0] == '+' && !plus) {
                n[0] = ' ';
            }
            String s = new String(n);
            if (s.charAt(1) == 'I' || s.charAt(1) == 'N') {
                boolean oldZero = zero;
                zero = false;
                if (s.charAt(1) == 'N' && !space && !plus) {
                    s = s.substring(1);
                }
                pad(s);
                zero = oldZero;
                return;
            }
            if (sharp && verb != 'b') {
                s = sharpFloat(s, verb, p);
            }
            if (plus || s.charAt(0) != '+') {
                if (zero && widPresent && wid > s.length()) {
                    buf.append(s.charAt(0));
                    repeat('0', wid - s.length());
                    buf.append(s, 1, s.length());
                    return;
                }
                pad(s);
                return;
            }
            pad(s.substring(1));
        }

        /** The '#' flag: always a decimal point; %g keeps trailing zeros. */
        private static String sharpFloat(String s, char verb, int p) {
            int e = Math.max(s.indexOf('e'), s.indexOf('E'));
            String mant = e >= 0 ? s.substring(0, e) : s;
            String tail = e >= 0 ? s.substring(e) : "";
            if (mant.indexOf('.') < 0) {
                mant += ".";
            }
            if (verb == 'g' || verb == 'G') {
                int digits = p < 0 ? 6 : p == 0 ? 1 : p;
                int have = 0;
                boolean started = false;
                for (int i = 1; i < mant.length(); i++) {
                    char c = mant.charAt(i);
                    if (c >= '1' && c <= '9') {
                        started = true;
                    }
                    if (Character.isDigit(c) && started) {
                        have++;
                    }
                }
                StringBuilder sb = new StringBuilder(mant);
                for (; have < digits; have++) {
                    sb.append('0');
                }
                mant = sb.toString();
            }
            return mant + tail;
        }
    }
}
