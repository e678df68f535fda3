package dev.pharos.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UserListParserTest {

    @Test
    void readsNamesPasswordsAndRoles() throws Exception {
        List<User> users = UserListParser.parse("ops:s3cret:admin, grafana:pw:reader , ci:a:b:c:pusher+reader", "PHAROS_USERS");
        assertEquals(3, users.size());
        assertEquals("ops", users.get(0).name());
        assertEquals(Set.of("admin"), users.get(0).roles());
        assertTrue(users.get(1).password().matches("pw"));
        assertEquals(Set.of("pusher", "reader"), users.get(2).roles());
        assertTrue(users.get(2).password().matches("a:b:c"), "a password may hold colons");
    }

    @Test
    void allGrantsEveryRole() throws Exception {
        assertEquals(Role.ALL_NAMES, UserListParser.parse("root:pw:all", "PHAROS_USERS").get(0).roles());
    }

    @Test
    void acceptsBcryptHashes() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "hunter2".toCharArray());
        User u = UserListParser.parse("bob:" + hash + ":silencer", "PHAROS_USERS").get(0);
        assertTrue(u.password().isHashed());
        assertTrue(u.password().matches("hunter2"));
        assertEquals("<secret>", u.password().toString(), "never printed");
    }

    @Test
    void emptyMeansNoUsers() throws Exception {
        assertTrue(UserListParser.parse("", "PHAROS_USERS").isEmpty());
        assertTrue(UserListParser.parse(null, "PHAROS_USERS").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob|PHAROS_USERS entry 1: expected name:password:role[+role]",
        "bob:pw|PHAROS_USERS entry 1: expected name:password:role[+role]",
        "a:x:reader,bob::admin|PHAROS_USERS entry 2 (user \"bob\"): empty password",
        "bob:pw:writer|PHAROS_USERS entry 1 (user \"bob\"): unknown role \"writer\"; roles are reader, pusher, alert-sender, silencer, admin (or all)",
        "bob:pw:reader,bob:x:admin|PHAROS_USERS entry 2: user \"bob\" is listed twice",
    })
    void rejectsBadEntriesSayingWhere(String spec, String message) {
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> UserListParser.parse(spec, "PHAROS_USERS"));
        assertEquals(message, e.getMessage());
    }
}
