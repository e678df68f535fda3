package dev.pharos.tsdb;

import java.security.SecureRandom;

/** Universally unique lexicographically sortable identifiers, the names of block directories. */
final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long lastHi;
    private static long lastLo;

    private Ulid() {
    }

    /** A new ULID; monotonic within this JVM even within one millisecond. */
    static synchronized String next(long millis) {
        long hi;
        long lo;
        if (millis == lastMillis) {
            lo = lastLo + 1;
            hi = lastHi + (lo == 0 ? 1 : 0);
        } else {
            hi = RANDOM.nextLong() & 0xFFFFL; // 16 random bits
            lo = RANDOM.nextLong(); // 64 random bits
        }
        lastMillis = millis;
        lastHi = hi;
        lastLo = lo;
        char[] out = new char[26];
        // 128 bits: 48 time bits, then 16 + 64 random bits; 26 base-32 digits cover 130 bits.
        long t = millis & 0xFFFFFFFFFFFFL;
        long top = (t << 16) | hi; // 64 bits
        for (int i = 25; i >= 0; i--) {
            int bit = (25 - i) * 5; // bit position from the least significant end of 130 bits
            int v;
            if (bit + 5 <= 64) {
                v = (int) ((lo >>> bit) & 31);
            } else if (bit < 64) {
                v = (int) (((lo >>> bit) | (top << (64 - bit))) & 31);
            } else {
                v = (int) ((top >>> (bit - 64)) & 31);
            }
            out[i] = ALPHABET[v];
        }
        return new String(out);
    }

    static boolean looksLike(String s) {
        if (s.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            if (new String(ALPHABET).indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
