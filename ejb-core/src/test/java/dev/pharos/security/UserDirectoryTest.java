package dev.pharos.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void authenticatesByNameAndPassword() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "pw2".toCharArray());
        UserDirectory d = new UserDirectory(List.of(
                new User("a", PasswordHash.parse("pw1"), Set.of("reader"), "test"),
                new User("b", PasswordHash.parse(hash), Set.of("admin", "reader"), "test")));
        assertEquals(Optional.of(Set.of("reader")), d.authenticate("a", "pw1"));
        assertEquals(Optional.empty(), d.authenticate("a", "pw2"));
        assertEquals(Optional.empty(), d.authenticate("c", "pw1"));
        assertEquals(Optional.empty(), d.authenticate("a", null));
        for (int i = 0; i < 3; i++) {
            // The second and third answers come from the cache; a wrong password never does.
            assertEquals(Optional.of(Set.of("admin", "reader")), d.authenticate("b", "pw2"));
            assertEquals(Optional.empty(), d.authenticate("b", "pw1"));
        }
    }

    @Test
    void aUserDefinedTwiceIsAnError() {
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> new UserDirectory(List.of(
                new User("a", PasswordHash.parse("x"), Set.of(), "PHAROS_USERS"),
                new User("a", PasswordHash.parse("y"), Set.of(), "web.config.file"))));
        assertEquals("user \"a\" is defined twice (PHAROS_USERS and web.config.file)", e.getMessage());
    }

    @Test
    void generatedAdminIsMadeOnceAndKeptHashed() throws Exception {
        Path file = dir.resolve("security/admin.bcrypt");
        GeneratedAdmin.Result first = GeneratedAdmin.loadOrCreate(file);
        assertTrue(first.newPassword() != null && first.newPassword().length() == 24);
        String stored = Files.readString(file);
        assertTrue(stored.startsWith("$2a$12$"), "only the bcrypt hash is stored");
        assertTrue(!stored.contains(first.newPassword()));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        GeneratedAdmin.Result second = GeneratedAdmin.loadOrCreate(file);
        assertEquals(null, second.newPassword(), "printed on the first start only");
        UserDirectory d = new UserDirectory(List.of(second.user()));
        assertEquals(Optional.of(Role.ALL_NAMES), d.authenticate("admin", first.newPassword()));
        assertEquals(Optional.empty(), d.authenticate("admin", "admin"));
    }

    @Test
    void aDamagedHashFileIsReportedNotReplaced() throws Exception {
        Path file = Files.createDirectories(dir.resolve("security")).resolve("admin.bcrypt");
        Files.writeString(file, "garbage\n");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> GeneratedAdmin.loadOrCreate(file));
        assertTrue(e.getMessage().contains("delete the file to make a new admin password"), e.getMessage());
        assertEquals("garbage\n", Files.readString(file));
    }
}
