package dev.pharos.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real (in-memory) LDAP server: binds, DN patterns, searches, groups to roles. */
class LdapDirectoryTest {

    static InMemoryDirectoryServer ldap;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        cfg.addAdditionalBindCredentials("cn=service,dc=example,dc=org", "service-pw");
        ldap = new InMemoryDirectoryServer(cfg);
        ldap.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
        ldap.add("dn: ou=people,dc=example,dc=org", "objectClass: organizationalUnit", "ou: people");
        ldap.add("dn: ou=groups,dc=example,dc=org", "objectClass: organizationalUnit", "ou: groups");
        ldap.add("dn: uid=alice,ou=people,dc=example,dc=org", "objectClass: inetOrgPerson", "uid: alice",
                "cn: Alice", "sn: A", "userPassword: alice-pw");
        ldap.add("dn: uid=bob,ou=people,dc=example,dc=org", "objectClass: inetOrgPerson", "uid: bob",
                "cn: Bob", "sn: B", "userPassword: bob-pw");
        ldap.add("dn: cn=ops,ou=groups,dc=example,dc=org", "objectClass: groupOfNames", "cn: ops",
                "member: uid=alice,ou=people,dc=example,dc=org");
        ldap.add("dn: cn=reader,ou=groups,dc=example,dc=org", "objectClass: groupOfNames", "cn: reader",
                "member: uid=bob,ou=people,dc=example,dc=org", "member: uid=alice,ou=people,dc=example,dc=org");
        ldap.startListening();
        url = "ldap://127.0.0.1:" + ldap.getListenPort();
    }

    @AfterAll
    static void stop() {
        ldap.shutDown(true);
    }

    private static LdapSettings settings(Map<String, String> extra) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("pharos.ldap.url", url);
        m.put("pharos.ldap.group.base.dn", "ou=groups,dc=example,dc=org");
        m.put("pharos.ldap.group.roles", "ops=admin+silencer");
        m.putAll(extra);
        return LdapSettings.from(m::get);
    }

    @Test
    void bindsWithADnPatternAndMapsGroupsToRoles() throws Exception {
        LdapDirectory d = new LdapDirectory(settings(Map.of("pharos.ldap.user.dn.pattern",
                "uid={0},ou=people,dc=example,dc=org")));
        assertEquals(Optional.of(Set.of("admin", "silencer", "reader")), d.authenticate("alice", "alice-pw"));
        assertEquals(Optional.of(Set.of("reader")), d.authenticate("bob", "bob-pw"), "a group named like a role");
        assertEquals(Optional.empty(), d.authenticate("alice", "bob-pw"));
        assertEquals(Optional.empty(), d.authenticate("carol", "x"));
        assertEquals(Optional.empty(), d.authenticate("alice", ""), "an empty password is no anonymous bind");
        assertEquals(Optional.empty(), d.authenticate("*", "alice-pw"));
    }

    @Test
    void findsUsersBySearchUnderAServiceAccount() throws Exception {
        LdapDirectory d = new LdapDirectory(settings(Map.of("pharos.ldap.user.base.dn", "ou=people,dc=example,dc=org",
                "pharos.ldap.bind.dn", "cn=service,dc=example,dc=org", "pharos.ldap.bind.password", "service-pw")));
        assertEquals(Optional.of(Set.of("reader")), d.authenticate("bob", "bob-pw"));
        assertEquals(Optional.empty(), d.authenticate("bob", "alice-pw"));
        assertEquals(Optional.empty(), d.authenticate("b*", "bob-pw"), "filter metacharacters are escaped");
    }

    @Test
    void settingsSayWhatIsMissing() throws Exception {
        assertNull(LdapSettings.from(k -> null), "no URL, no LDAP");
        SecurityConfigException e = assertThrows(SecurityConfigException.class,
                () -> LdapSettings.from(Map.of("pharos.ldap.url", url)::get));
        assertTrue(e.getMessage().contains("PHAROS_LDAP_USER_DN_PATTERN"), e.getMessage());
        e = assertThrows(SecurityConfigException.class, () -> settings(Map.of("pharos.ldap.user.dn.pattern", "uid=x",
                "pharos.ldap.group.roles", "ops=boss")));
        assertTrue(e.getMessage().contains("{0}") || e.getMessage().contains("boss"), e.getMessage());
        e = assertThrows(SecurityConfigException.class, () -> GroupRoles.parse("ops=boss", "PHAROS_LDAP_GROUP_ROLES"));
        assertEquals("PHAROS_LDAP_GROUP_ROLES entry \"ops=boss\": unknown role \"boss\"", e.getMessage());
    }
}
