package dev.pharos.security;

import java.util.Hashtable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Rdn;

/**
 * Users of an LDAP directory (OpenLDAP, Active Directory, ...): a user is who can bind with
 * their password; their roles come from the groups they are a member of, mapped by
 * {@link LdapSettings#groupRoles()} (a group named like a role grants that role too).
 *
 * <p>The user's DN is either built from a pattern ({@code uid={0},ou=people,dc=example,dc=org})
 * or found by a search under a service account. Empty passwords are refused before any bind:
 * many directories treat them as an anonymous bind that "succeeds". Successful logins are
 * remembered for a minute so a dashboard's requests do not each cost a bind and a search.
 */
public final class LdapDirectory {

    private static final long CACHE_MILLIS = 60_000;

    private final LdapSettings settings;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String passwordKey, Set<String> roles, long until) {
    }

    public LdapDirectory(LdapSettings settings) {
        this.settings = settings;
    }

    /** The roles of the user if the directory accepts the password; empty otherwise. */
    public Optional<Set<String>> authenticate(String name, String password) throws NamingException {
        if (name == null || name.isEmpty() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        String key = PasswordKey.of(name, password);
        Cached c = cache.get(name);
        long now = System.currentTimeMillis();
        if (c != null && c.until > now && c.passwordKey.equals(key)) {
            return Optional.of(c.roles);
        }
        String dn = userDn(name);
        if (dn == null) {
            return Optional.empty();
        }
        DirContext asUser;
        try {
            asUser = new InitialDirContext(env(dn, password));
        } catch (AuthenticationException wrongPassword) {
            return Optional.empty();
        }
        try {
            Set<String> roles = roles(asUser, dn);
            cache.put(name, new Cached(key, roles, now + CACHE_MILLIS));
            return Optional.of(roles);
        } finally {
            asUser.close();
        }
    }

    private String userDn(String name) throws NamingException {
        if (settings.userDnPattern() != null) {
            return settings.userDnPattern().replace("{0}", Rdn.escapeValue(name));
        }
        DirContext service = new InitialDirContext(env(settings.bindDn(), settings.bindPassword()));
        try {
            SearchControls sc = new SearchControls();
            sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
            sc.setReturningAttributes(new String[0]);
            sc.setCountLimit(2);
            NamingEnumeration<SearchResult> found = service.search(settings.userBaseDn(), settings.userFilter(),
                    new Object[] {name}, sc);
            String dn = null;
            int n = 0;
            while (found.hasMore()) {
                dn = found.next().getNameInNamespace();
                n++;
            }
            return n == 1 ? dn : null; // none, or ambiguous: nobody
        } finally {
            service.close();
        }
    }

    private Set<String> roles(DirContext ctx, String userDn) throws NamingException {
        if (settings.groupBaseDn() == null) {
            return Set.of();
        }
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        sc.setReturningAttributes(new String[] {settings.groupNameAttribute()});
        // {0} is the user's DN; the JNDI filter arguments are escaped by the provider.
        NamingEnumeration<SearchResult> groups = ctx.search(settings.groupBaseDn(), settings.groupFilter(),
                new Object[] {userDn}, sc);
        List<String> names = new ArrayList<>();
        while (groups.hasMore()) {
            SearchResult g = groups.next();
            Attribute nameAttr = g.getAttributes().get(settings.groupNameAttribute());
            // Known by name (cn) and by DN, so the mapping may use either.
            names.add(g.getNameInNamespace());
            if (nameAttr != null) {
                names.add(String.valueOf(nameAttr.get()));
            }
        }
        return GroupRoles.of(names, settings.groupRoles());
    }

    private Hashtable<String, Object> env(String principal, String password) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url());
        env.put("com.sun.jndi.ldap.connect.timeout", "5000");
        env.put("com.sun.jndi.ldap.read.timeout", "10000");
        if (principal != null) {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, principal);
            env.put(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
        }
        return env;
    }
}
