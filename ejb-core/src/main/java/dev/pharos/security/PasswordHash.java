package dev.pharos.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A stored password: a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}, as
 * Prometheus's web.config.file and htpasswd write them) or, for a quick trial only, the
 * password itself. Plain passwords are compared in constant time.
 */
public final class PasswordHash {

    /** Cost of the hashes Pharos writes itself (the generated admin password). */
    public static final int COST = 12;

    private final String stored;
    private final boolean bcrypt;

    private PasswordHash(String stored, boolean bcrypt) {
        this.stored = stored;
        this.bcrypt = bcrypt;
    }

    /** A bcrypt hash if the text looks like one, otherwise a plain password. */
    public static PasswordHash parse(String text) {
        return isBcrypt(text) ? new PasswordHash(text, true) : new PasswordHash(text, false);
    }

    /** The bcrypt hash; fails with a message naming the problem if {@code text} is not one. */
    public static PasswordHash bcrypt(String text) {
        if (!isBcrypt(text)) {
            throw new IllegalArgumentException("not a bcrypt hash (expected $2a$, $2b$ or $2y$ followed by the cost)");
        }
        return new PasswordHash(text, true);
    }

    /** Hashes {@code password} with bcrypt at {@link #COST}. */
    public static PasswordHash hash(String password) {
        return new PasswordHash(BCrypt.withDefaults().hashToString(COST, password.toCharArray()), true);
    }

    static boolean isBcrypt(String text) {
        return text != null && text.length() == 60 && text.charAt(0) == '$' && text.charAt(1) == '2'
                && (text.charAt(2) == 'a' || text.charAt(2) == 'b' || text.charAt(2) == 'y') && text.charAt(3) == '$';
    }

    public boolean isHashed() {
        return bcrypt;
    }

    /** The stored form (a bcrypt hash, or the plain password). */
    public String stored() {
        return stored;
    }

    /** Whether {@code password} is the one this hash was made from. Costly for bcrypt: cache results. */
    public boolean matches(String password) {
        if (bcrypt) {
            return BCrypt.verifyer().verify(password.toCharArray(), stored).verified;
        }
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
