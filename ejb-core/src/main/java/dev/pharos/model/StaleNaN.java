package dev.pharos.model;

/**
 * Prometheus's staleness marker: one specific NaN bit pattern that ordinary arithmetic
 * never produces, written when a series disappears from a scrape or a rule result.
 */
public final class StaleNaN {

    public static final long BITS = 0x7ff0000000000002L;
    public static final double VALUE = Double.longBitsToDouble(BITS);

    private StaleNaN() {
    }

    public static boolean is(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
