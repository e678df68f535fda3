package dev.pharos.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users Pharos authenticates, by name. Checking a bcrypt hash costs tens of
 * milliseconds by design, and Grafana or a Prometheus sends the same credentials with
 * every request, so successful checks are remembered by a SHA-256 of name and password
 * (never the password itself), as Prometheus's exporter-toolkit does. Failed checks are
 * not cached, so guessing stays slow.
 */
public final class UserDirectory {

    private static final int CACHE_LIMIT = 1024;

    private final Map<String, User> users;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    public UserDirectory(Collection<User> users) throws SecurityConfigException {
        Map<String, User> byName = new LinkedHashMap<>();
        for (User u : users) {
            User before = byName.put(u.name(), u);
            if (before != null) {
                throw new SecurityConfigException("user \"" + u.name() + "\" is defined twice (" + before.source()
                        + " and " + u.source() + ")");
            }
        }
        this.users = Map.copyOf(byName);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    public int size() {
        return users.size();
    }

    /** The roles of {@code name} if {@code password} is theirs. */
    public Optional<Set<String>> authenticate(String name, String password) {
        User u = name == null || password == null ? null : users.get(name);
        if (u == null) {
            return Optional.empty();
        }
        String key = PasswordKey.of(name, password);
        if (verified.containsKey(key)) {
            return Optional.of(u.roles());
        }
        if (!u.password().matches(password)) {
            return Optional.empty();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(key, Boolean.TRUE);
        return Optional.of(u.roles());
    }
}
