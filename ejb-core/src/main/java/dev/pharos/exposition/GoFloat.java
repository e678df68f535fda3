package dev.pharos.exposition;

import java.nio.charset.StandardCharsets;

/**
 * Float and integer syntax as Prometheus reads and writes it: Go's {@code strconv.ParseFloat}
 * restricted to the pre-Go-1.13 forms (no hex floats, no underscores), Go's
 * {@code strconv.ParseInt} for text-format timestamps, and Go's shortest {@code 'g'}
 * formatting ({@code strconv.FormatFloat(f, 'g', -1, 64)}) for the writers.
 *
 * <p>Parsing works on a byte range so that the scrape hot path allocates nothing: the common
 * case (at most 19 significant digits, mantissa below 2^53, decimal exponent within +-22) is
 * computed exactly with one double multiplication or division (Clinger's fast path); only
 * the rest goes through {@link Double#parseDouble}, after the syntax was checked here.
 */
public final class GoFloat {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final long TWO_POW_53 = 1L << 53;

    private GoFloat() {
    }

    /** Thrown for a malformed or out-of-range number; the message is Go's wording. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a whole string (convenience for tests and non-hot paths). */
    public static double parse(String s) throws SyntaxException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /**
     * Parses {@code b[from, to)} as Prometheus's {@code parseFloat} does: decimal numbers,
     * {@code Inf}/{@code Infinity} with optional sign and {@code NaN}, case-insensitive.
     */
    public static double parse(byte[] b, int from, int to) throws SyntaxException {
        int i = from;
        if (i >= to) {
            throw syntax("ParseFloat", b, from, to);
        }
        boolean neg = false;
        byte c = b[i];
        boolean signed = c == '+' || c == '-';
        if (signed) {
            neg = c == '-';
            i++;
            if (i >= to) {
                throw syntax("ParseFloat", b, from, to);
            }
            c = b[i];
        }
        if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
            return special(b, from, i, to, neg, signed);
        }
        long mant = 0;
        int nd = 0;
        int exp10 = 0;
        boolean sawDigits = false;
        boolean truncated = false;
        // Integer part. Leading zeros are not significant; past 19 digits the mantissa would
        // overflow, so further digits only scale (and, if not zero, make the value inexact).
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            sawDigits = true;
            if (nd < 19) {
                if ((mant | d) != 0) {
                    mant = mant * 10 + d;
                    nd++;
                }
            } else {
                exp10++;
                truncated |= d != 0;
            }
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                sawDigits = true;
                if (nd < 19) {
                    if ((mant | d) != 0) {
                        mant = mant * 10 + d;
                        nd++;
                    }
                    exp10--;
                } else {
                    truncated |= d != 0;
                }
            }
        }
        if (i < to && b[i] != 'e' && b[i] != 'E') {
            throw syntax("ParseFloat", b, from, to);
        }
        if (!sawDigits) {
            throw syntax("ParseFloat", b, from, to);
        }
        long bits;
        if (i < to) {
            // Exponent: e[+-]digits.
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                eneg = b[i] == '-';
                i++;
            }
            if (i >= to) {
                throw syntax("ParseFloat", b, from, to);
            }
            int e = 0;
            for (; i < to; i++) {
                c = b[i];
                if (c < '0' || c > '9') {
                    throw syntax("ParseFloat", b, from, to);
                }
                if (e < 100000) {
                    e = e * 10 + (c - '0');
                }
            }
            exp10 += eneg ? -e : e;
        }
        double v;
        if (mant == 0) {
            v = 0.0;
        } else if (!truncated && mant >= 0 && mant < TWO_POW_53 && exp10 >= -22 && exp10 <= 22) {
            // Both operands are exact doubles: one IEEE operation rounds correctly.
            v = exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
        } else if (!truncated && (bits = EiselLemire.toDoubleBits(mant, exp10, neg)) != EiselLemire.FAIL) {
            return Double.longBitsToDouble(bits);
        } else {
            v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            if (Double.isInfinite(v)) {
                throw new SyntaxException("strconv.ParseFloat: parsing " + quote(b, from, to)
                        + ": value out of range");
            }
            return v;
        }
        return neg ? -v : v;
    }

    private static double special(byte[] b, int from, int i, int to, boolean neg, boolean signed)
            throws SyntaxException {
        int n = to - i;
        if (n == 3 && !signed && eqIgnoreCase(b, i, "nan")) {
            return Double.NaN;
        }
        if ((n == 3 && eqIgnoreCase(b, i, "inf")) || (n == 8 && eqIgnoreCase(b, i, "infinity"))) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw syntax("ParseFloat", b, from, to);
    }

    private static boolean eqIgnoreCase(byte[] b, int at, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            if ((b[at + k] | 0x20) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)} on a byte range. */
    public static long parseLong(byte[] b, int from, int to) throws SyntaxException {
        int i = from;
        if (i >= to) {
            throw syntax("ParseInt", b, from, to);
        }
        boolean neg = false;
        if (b[i] == '+' || b[i] == '-') {
            neg = b[i] == '-';
            i++;
            if (i >= to) {
                throw syntax("ParseInt", b, from, to);
            }
        }
        long v = 0;
        for (; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                throw syntax("ParseInt", b, from, to);
            }
            int d = c - '0';
            // Accumulate negatively so that Long.MIN_VALUE is representable.
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw new SyntaxException("strconv.ParseInt: parsing " + quote(b, from, to)
                        + ": value out of range");
            }
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                throw new SyntaxException("strconv.ParseInt: parsing " + quote(b, from, to)
                        + ": value out of range");
            }
            v = -v;
        }
        return v;
    }

    private static SyntaxException syntax(String fn, byte[] b, int from, int to) {
        return new SyntaxException("strconv." + fn + ": parsing " + quote(b, from, to)
                + ": invalid syntax");
    }

    /** Go's {@code %q}-like rendering of a byte range, for error messages. */
    static String quote(byte[] b, int from, int to) {
        return Quoting.goQuote(new String(b, from, Math.max(0, to - from), StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------
    // Formatting

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)} with Prometheus's {@code +Inf}/{@code -Inf}/{@code NaN}. */
    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendTo(sb, v);
        return sb.toString();
    }

    /** As {@link #format} but an integral value gets ".0", as OpenMetrics writers do. */
    public static String formatOpenMetrics(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendOpenMetrics(sb, v);
        return sb.toString();
    }

    public static void appendOpenMetrics(StringBuilder sb, double v) {
        int start = sb.length();
        appendTo(sb, v);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return;
        }
        for (int k = start; k < sb.length(); k++) {
            char c = sb.charAt(k);
            if (c == '.' || c == 'e') {
                return;
            }
        }
        sb.append(".0");
    }

    public static void appendTo(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        if (v == 0) {
            sb.append((Double.doubleToRawLongBits(v) < 0) ? "-0" : "0");
            return;
        }
        // Small integers (below 1e6 Go prints them plainly) are the common case: no detour.
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            sb.append((long) v);
            return;
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String digits;
        int dp; // value = 0.<digits> * 10^dp
        String js = Double.toString(v);
        int ePos = js.indexOf('E');
        String mant = ePos < 0 ? js : js.substring(0, ePos);
        int jexp = ePos < 0 ? 0 : Integer.parseInt(js.substring(ePos + 1));
        int dot = mant.indexOf('.');
        String raw = mant.substring(0, dot) + mant.substring(dot + 1);
        int intLen = dot;
        // Strip leading zeros (e.g. "0.001").
        int lead = 0;
        while (lead < raw.length() - 1 && raw.charAt(lead) == '0') {
            lead++;
        }
        raw = raw.substring(lead);
        intLen -= lead;
        int end = raw.length();
        while (end > 1 && raw.charAt(end - 1) == '0') {
            end--;
        }
        digits = raw.substring(0, end);
        dp = intLen + jexp;
        if (digits.length() >= 16 || v < Double.MIN_NORMAL) {
            // Before JDK 19, Double.toString may emit more digits than the shortest
            // representation Go prints (long mantissas, subnormals such as 4.9E-324).
            // Round-tripping is monotone in the digit count: if one digit less does not
            // read back, the digits are already shortest; else binary-search the shortest.
            int n = digits.length();
            if (n > 1 && roundTrips(digits, dp, n - 1, v)) {
                int lo = 1;
                int hi = n - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (roundTrips(digits, dp, mid, v)) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                String down = digits.substring(0, lo);
                String up = increment(down);
                boolean downOk = Double.parseDouble("0." + down + "e" + dp) == v;
                boolean upOk = Double.parseDouble(upLiteral(up, lo, dp)) == v;
                boolean pickUp;
                if (downOk && upOk) {
                    // Both read back: Go prints the one nearer the exact value.
                    pickUp = nearerIsUp(digits, lo, v, down, up, dp);
                } else {
                    pickUp = upOk;
                }
                String best = pickUp ? up : down;
                int bestDp = dp;
                if (pickUp && up.length() > lo) {
                    best = up.substring(0, lo);
                    bestDp = dp + 1;
                }
                int bEnd = best.length();
                while (bEnd > 1 && best.charAt(bEnd - 1) == '0') {
                    bEnd--;
                }
                digits = best.substring(0, bEnd);
                dp = bestDp;
            }
        }
        int exp = dp - 1;
        int nd = digits.length();
        // Go's shortest 'g' switches to exponent form below 1e-4 and from 1e6 (its eprec of 6).
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return;
        }
        appendFixed(sb, digits, dp);
    }

    /** Whether some {@code len}-digit prefix of {@code digits} (truncated or incremented) reads back as v. */
    private static boolean roundTrips(String digits, int dp, int len, double v) {
        String down = digits.substring(0, len);
        if (Double.parseDouble("0." + down + "e" + dp) == v) {
            return true;
        }
        return Double.parseDouble(upLiteral(increment(down), len, dp)) == v;
    }

    private static String upLiteral(String up, int len, int dp) {
        return up.length() > len ? "0." + up.substring(0, len) + "e" + (dp + 1) : "0." + up + "e" + dp;
    }

    /**
     * Whether {@code up} is nearer v than {@code down}: decided by the digits beyond {@code len}
     * (more precise than either), exactly only when they are a bare 5.
     */
    private static boolean nearerIsUp(String digits, int len, double v, String down, String up, int dp) {
        if (digits.length() > len) {
            char first = digits.charAt(len);
            if (first != '5' || digits.length() > len + 1) {
                return first >= '5';
            }
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        java.math.BigDecimal dd = new java.math.BigDecimal("0." + down + "e" + dp);
        java.math.BigDecimal du = new java.math.BigDecimal(upLiteral(up, len, dp));
        return exact.subtract(du).abs().compareTo(exact.subtract(dd).abs()) < 0;
    }

    /** The decimal digit string plus one unit in its last place ("199" -> "200", "99" -> "100"). */
    private static String increment(String d) {
        char[] c = d.toCharArray();
        for (int k = c.length - 1; k >= 0; k--) {
            if (c[k] != '9') {
                c[k]++;
                return new String(c);
            }
            c[k] = '0';
        }
        return "1" + new String(c);
    }

    private static void appendFixed(StringBuilder sb, String digits, int dp) {
        int nd = digits.length();
        if (dp <= 0) {
            sb.append("0.");
            for (int k = 0; k < -dp; k++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (dp >= nd) {
            sb.append(digits);
            for (int k = nd; k < dp; k++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
    }
}
