package dev.pharos.exposition;

import java.math.BigInteger;

/**
 * Correctly rounded decimal-to-double conversion of {@code mantissa * 10^exp10} for a 64-bit
 * mantissa, by the Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per
 * Second", 2021): one or two 64x128-bit multiplications by a truncated power of five. It
 * declines (returns {@link #FAIL}) on the rare inputs whose rounding it cannot decide; the
 * caller then takes the slow exact path. Lets the scrape parse long mantissas such as
 * {@code 0.0003825067330956884} without allocating.
 */
final class EiselLemire {

    /** A NaN bit pattern that no conversion produces, meaning "undecided". */
    static final long FAIL = 0x7ff8dead0000beefL;

    static final int MIN_EXP10 = -342;
    static final int MAX_EXP10 = 308;

    /** 128-bit normalised approximations of 5^q: high and low words, for q in [MIN, MAX]. */
    private static final long[] HI = new long[MAX_EXP10 - MIN_EXP10 + 1];
    private static final long[] LO = new long[MAX_EXP10 - MIN_EXP10 + 1];

    static {
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_EXP10; q <= MAX_EXP10; q++) {
            BigInteger v;
            if (q >= 0) {
                // Exact power, truncated to its top 128 bits.
                v = BigInteger.valueOf(5).pow(q);
            } else {
                // Reciprocal, rounded up at a precision well beyond 128 bits, then truncated.
                BigInteger p5 = BigInteger.valueOf(5).pow(-q);
                int z = p5.bitLength();
                int bits = q >= -27 ? z + 127 : 2 * z + 128;
                v = BigInteger.ONE.shiftLeft(bits).divide(p5).add(BigInteger.ONE);
            }
            int bl = v.bitLength();
            v = bl > 128 ? v.shiftRight(bl - 128) : v.shiftLeft(128 - bl);
            HI[q - MIN_EXP10] = v.shiftRight(64).longValue();
            LO[q - MIN_EXP10] = v.and(mask64).longValue();
        }
    }

    private EiselLemire() {
    }

    /** The raw bits of the nearest double to {@code man * 10^exp10} (man != 0), or {@link #FAIL}. */
    static long toDoubleBits(long man, int exp10, boolean negative) {
        if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
            return FAIL;
        }
        int clz = Long.numberOfLeadingZeros(man);
        man <<= clz;
        long retExp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
        int idx = exp10 - MIN_EXP10;
        long pHi = HI[idx];
        long xHi = unsignedMultiplyHigh(man, pHi);
        long xLo = man * pHi;
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            // The truncated power may have lost the carry: widen with its low word.
            long pLo = LO[idx];
            long yHi = unsignedMultiplyHigh(man, pLo);
            long yLo = man * pLo;
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + man, man) < 0) {
                return FAIL;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long retMantissa = xHi >>> (msb + 9);
        retExp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (retMantissa & 3) == 1) {
            // Exactly half-way between two doubles: let the exact path decide.
            return FAIL;
        }
        retMantissa += retMantissa & 1;
        retMantissa >>>= 1;
        if ((retMantissa >>> 53) > 0) {
            retMantissa >>>= 1;
            retExp2 += 1;
        }
        if (retExp2 <= 0 || retExp2 >= 0x7FF) {
            // Subnormal, infinite: the exact path handles those.
            return FAIL;
        }
        long bits = (retExp2 << 52) | (retMantissa & 0x000FFFFFFFFFFFFFL);
        return negative ? bits | 0x8000000000000000L : bits;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
