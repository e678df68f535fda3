package dev.pharos.alertmanager;

import dev.pharos.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * The Alertmanager's label-set fingerprint: FNV-1a 64 over the UTF-8 bytes of the sorted
 * label names and values, each followed by the separator byte 0xff. Printed as 16 hex digits.
 */
public final class Fingerprints {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprints() {
    }

    public static long of(Labels labels) {
        if (labels.isEmpty()) {
            return OFFSET;
        }
        long h = OFFSET;
        for (int i = 0; i < labels.size(); i++) {
            h = add(h, labels.name(i));
            h = (h ^ 0xff) * PRIME;
            h = add(h, labels.value(i));
            h = (h ^ 0xff) * PRIME;
        }
        return h;
    }

    public static String hex(long fp) {
        return String.format("%016x", fp);
    }

    public static String hex(Labels labels) {
        return hex(of(labels));
    }

    private static long add(long h, String s) {
        // ASCII fast path: hash chars directly, without encoding the string to bytes.
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return addBytes(h, s.substring(i));
            }
            h ^= c;
            h *= PRIME;
        }
        return h;
    }

    private static long addBytes(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= PRIME;
        }
        return h;
    }
}
