package dev.pharos.promql.engine;

/** Go's strconv.ParseFloat for the forms that occur in label values ("+Inf", "1e3", "0x1p-2"). */
final class GoFloat {
    private GoFloat() {
    }

    /** Parsed value, or null when Go would fail. */
    static Double parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String t = s;
        String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        boolean neg = t.startsWith("-");
        String lb = body.toLowerCase(java.util.Locale.ROOT);
        if (lb.equals("inf") || lb.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lb.equals("nan")) {
            return Double.NaN;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' || c == 'x' || c == 'X'
                    || c == 'p' || c == 'P' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_')) {
                return null;
            }
        }
        try {
            if (lb.startsWith("0x")) {
                String h = body.replace("_", "");
                if (!lb.contains("p")) {
                    h = h + "p0";
                }
                double v = Double.parseDouble(h);
                return neg ? -v : v;
            }
            if (body.indexOf('_') >= 0 || body.endsWith("d") || body.endsWith("f") || body.endsWith("D") || body.endsWith("F")) {
                return null;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
