package dev.pharos.template;

/** Go's time.Duration: nanoseconds, printed like "1h30m15s". */
public record GoDuration(long nanos) implements GoStringer, GoMethods {

    @Override
    public String goTypeName() {
        return "time.Duration";
    }

    @Override
    public String goString() {
        return format(nanos);
    }

    @Override
    public String toString() {
        return goString();
    }

    @Override
    public TemplateFunction goMethod(String name) {
        switch (name) {
            case "String":
                return TemplateFunction.of(name, a -> goString());
            case "Seconds":
                return TemplateFunction.of(name, a -> nanos / 1e9);
            case "Minutes":
                return TemplateFunction.of(name, a -> nanos / 6e10);
            case "Hours":
                return TemplateFunction.of(name, a -> nanos / 3.6e12);
            case "Milliseconds":
                return TemplateFunction.of(name, a -> nanos / 1_000_000);
            case "Nanoseconds":
                return TemplateFunction.of(name, a -> nanos);
            default:
                return null;
        }
    }

    /** time.Duration.String. */
    static String format(long d) {
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // work with the magnitude as unsigned
        long u = neg ? -d : d;
        StringBuilder sb = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            String unit;
            long div;
            if (u < 1000) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000) {
                unit = "µs";
                div = 1000;
            } else {
                unit = "ms";
                div = 1_000_000;
            }
            sb.append(fraction(u, div)).append(unit);
        } else {
            long secs = Long.divideUnsigned(u, 1_000_000_000L);
            long frac = Long.remainderUnsigned(u, 1_000_000_000L);
            long h = secs / 3600;
            long m = secs / 60 % 60;
            long s = secs % 60;
            if (h > 0) {
                sb.append(h).append('h');
            }
            if (h > 0 || m > 0) {
                sb.append(m).append('m');
            }
            sb.append(s);
            if (frac > 0) {
                String f = String.format("%09d", frac).replaceAll("0+$", "");
                sb.append('.').append(f);
            }
            sb.append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long frac = v % div;
        if (frac == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(div).length() - 1;
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
