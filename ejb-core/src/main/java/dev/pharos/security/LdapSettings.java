package dev.pharos.security;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the LDAP users and groups are (PHAROS_LDAP_* settings).
 *
 * @param url                 {@code ldap://host:389} or {@code ldaps://host:636}
 * @param userDnPattern       e.g. {@code uid={0},ou=people,dc=example,dc=org}; or null to search
 * @param bindDn              service account for the user search (null: anonymous search)
 * @param bindPassword        its password
 * @param userBaseDn          where to search users
 * @param userFilter          search filter, {@code {0}} is the login name
 * @param groupBaseDn         where the groups are (null: no groups, no roles from LDAP)
 * @param groupFilter         {@code {0}} is the user's DN
 * @param groupNameAttribute  the attribute naming a group ({@code cn})
 * @param groupRoles          group name (or DN) to the roles it grants
 */
public record LdapSettings(String url, String userDnPattern, String bindDn, String bindPassword, String userBaseDn,
        String userFilter, String groupBaseDn, String groupFilter, String groupNameAttribute,
        Map<String, Set<String>> groupRoles) {

    public static final String DEFAULT_USER_FILTER = "(uid={0})";
    public static final String DEFAULT_GROUP_FILTER = "(|(member={0})(uniqueMember={0}))";

    /**
     * Reads the settings through {@code get} (a property lookup returning null when unset);
     * null if no LDAP URL is set.
     */
    public static LdapSettings from(Function<String, String> get) throws SecurityConfigException {
        String url = blankToNull(get.apply("pharos.ldap.url"));
        if (url == null) {
            return null;
        }
        if (!url.startsWith("ldap://") && !url.startsWith("ldaps://")) {
            throw new SecurityConfigException("PHAROS_LDAP_URL \"" + url + "\": expected ldap://host:port or ldaps://host:port");
        }
        String pattern = blankToNull(get.apply("pharos.ldap.user.dn.pattern"));
        String userBase = blankToNull(get.apply("pharos.ldap.user.base.dn"));
        if (pattern == null && userBase == null) {
            throw new SecurityConfigException("PHAROS_LDAP_URL is set: set PHAROS_LDAP_USER_DN_PATTERN "
                    + "(e.g. uid={0},ou=people,dc=example,dc=org) or PHAROS_LDAP_USER_BASE_DN to search users");
        }
        if (pattern != null && !pattern.contains("{0}")) {
            throw new SecurityConfigException("PHAROS_LDAP_USER_DN_PATTERN \"" + pattern + "\": {0} must stand for the login name");
        }
        return new LdapSettings(url, pattern, blankToNull(get.apply("pharos.ldap.bind.dn")),
                blankToNull(get.apply("pharos.ldap.bind.password")), userBase,
                orDefault(get.apply("pharos.ldap.user.filter"), DEFAULT_USER_FILTER),
                blankToNull(get.apply("pharos.ldap.group.base.dn")),
                orDefault(get.apply("pharos.ldap.group.filter"), DEFAULT_GROUP_FILTER),
                orDefault(get.apply("pharos.ldap.group.name.attribute"), "cn"),
                GroupRoles.parse(get.apply("pharos.ldap.group.roles"), "PHAROS_LDAP_GROUP_ROLES"));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String orDefault(String s, String def) {
        String v = blankToNull(s);
        return v == null ? def : v;
    }
}
