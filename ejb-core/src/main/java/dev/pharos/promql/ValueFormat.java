package dev.pharos.promql;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats float sample values exactly as Prometheus writes them in JSON: the shortest
 * decimal that round-trips, in plain notation, except exponent notation (Go style,
 * {@code 1e-07}, {@code 1.5e+21}) below 1e-6 and from 1e21 on in magnitude, and
 * {@code +Inf}, {@code -Inf}, {@code NaN}.
 */
public final class ValueFormat {

    private ValueFormat() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double abs = Math.abs(v);
        boolean exp = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        return exp ? formatGo(v, 'e') : formatGo(v, 'f');
    }

    /** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
    public static String formatPlain(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return formatGo(v, 'f');
    }

    /** Go's strconv.FormatFloat(v, 'g', -1, 64), as used by fmt's %v and label values. */
    public static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        Decimal d = shortest(v);
        int x = d.exp10 + d.digits.length() - 1; // exponent in scientific notation
        // Go's %g with shortest precision uses exponent when x < -4 || x >= eprec (eprec=21 when shortest)
        if (x < -4 || x >= 21) {
            return formatGo(v, 'e');
        }
        return formatGo(v, 'f');
    }

    private static final class Decimal {
        final boolean neg;
        final String digits; // no leading/trailing zeros, at least one digit
        final int exp10; // value = 0.digits? no: value = digits * 10^exp10

        Decimal(boolean neg, String digits, int exp10) {
            this.neg = neg;
            this.digits = digits;
            this.exp10 = exp10;
        }
    }

    private static Decimal shortest(double v) {
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        if (a == 0) {
            return new Decimal(neg, "0", 0);
        }
        // Double.toString round-trips but on Java 17 is occasionally not the shortest;
        // long outputs are re-checked with BigDecimal rounding.
        String s = Double.toString(a);
        String mant;
        int e = 0;
        int ei = s.indexOf('E');
        if (ei >= 0) {
            mant = s.substring(0, ei);
            e = Integer.parseInt(s.substring(ei + 1));
        } else {
            mant = s;
        }
        int dot = mant.indexOf('.');
        String intPart = mant.substring(0, dot);
        String frac = mant.substring(dot + 1);
        String digits = intPart + frac;
        int exp10 = e - frac.length();
        // strip leading zeros
        int lz = 0;
        while (lz < digits.length() - 1 && digits.charAt(lz) == '0') {
            lz++;
        }
        digits = digits.substring(lz);
        int tz = digits.length();
        while (tz > 1 && digits.charAt(tz - 1) == '0') {
            tz--;
        }
        exp10 += digits.length() - tz;
        digits = digits.substring(0, tz);
        if (digits.length() >= 16 || a < Double.MIN_NORMAL) {
            BigDecimal exact = new BigDecimal(a);
            for (int p = 1; p < digits.length(); p++) {
                BigDecimal r = exact.round(new MathContext(p));
                if (r.doubleValue() == a) {
                    BigDecimal st = r.stripTrailingZeros();
                    String u = st.unscaledValue().toString();
                    return new Decimal(neg, u, -st.scale());
                }
            }
        }
        return new Decimal(neg, digits, exp10);
    }

    private static String formatGo(double v, char fmt) {
        Decimal d = shortest(v);
        StringBuilder sb = new StringBuilder(24);
        if (d.neg) {
            sb.append('-');
        }
        if (fmt == 'e') {
            sb.append(d.digits.charAt(0));
            if (d.digits.length() > 1) {
                sb.append('.').append(d.digits, 1, d.digits.length());
            }
            int x = d.exp10 + d.digits.length() - 1;
            sb.append('e').append(x < 0 ? '-' : '+');
            int ax = Math.abs(x);
            if (ax < 10) {
                sb.append('0');
            }
            sb.append(ax);
            return sb.toString();
        }
        String digits = d.digits;
        int exp10 = d.exp10;
        if (exp10 >= 0) {
            sb.append(digits);
            if (!digits.equals("0")) {
                for (int i = 0; i < exp10; i++) {
                    sb.append('0');
                }
            }
        } else {
            int intLen = digits.length() + exp10;
            if (intLen > 0) {
                sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
            } else {
                sb.append("0.");
                for (int i = 0; i < -intLen; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            }
        }
        return sb.toString();
    }
}
