package dev.pharos.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Secure by default: when no user is configured, the first start makes an {@code admin}
 * with a random password, hands the password back once (for the log) and keeps only its
 * bcrypt hash in the data directory. Later starts read the hash.
 */
public final class GeneratedAdmin {

    public static final String NAME = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** The admin user and, on the start that created it, its password (else null). */
    public record Result(User user, String newPassword) {
    }

    private GeneratedAdmin() {
    }

    public static Result loadOrCreate(Path hashFile) throws IOException, SecurityConfigException {
        if (Files.exists(hashFile)) {
            String hash = Files.readString(hashFile, StandardCharsets.UTF_8).trim();
            try {
                return new Result(user(PasswordHash.bcrypt(hash)), null);
            } catch (IllegalArgumentException e) {
                throw new SecurityConfigException(hashFile + ": " + e.getMessage()
                        + "; delete the file to make a new admin password");
            }
        }
        String password = randomPassword(24);
        PasswordHash hash = PasswordHash.hash(password);
        Files.createDirectories(hashFile.getParent());
        Path tmp = hashFile.resolveSibling(hashFile.getFileName() + ".tmp");
        Files.writeString(tmp, hash.stored() + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions protect it.
        }
        Files.move(tmp, hashFile, StandardCopyOption.ATOMIC_MOVE);
        return new Result(user(hash), password);
    }

    private static User user(PasswordHash hash) {
        return new User(NAME, hash, Role.ALL_NAMES, "generated admin");
    }

    static String randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
