package dev.pharos.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code PHAROS_USERS}: comma-separated {@code name:password:role[+role]} entries.
 * The password may be a bcrypt hash and may itself contain colons (the name ends at the
 * first colon, the roles start after the last one); a comma inside a password is not
 * possible, use a hash or the web.config.file then.
 */
public final class UserListParser {

    private UserListParser() {
    }

    public static List<User> parse(String spec, String source) throws SecurityConfigException {
        List<User> users = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return users;
        }
        Set<String> names = new LinkedHashSet<>();
        String[] entries = spec.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String where = source + " entry " + (i + 1);
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last == first) {
                throw new SecurityConfigException(where + ": expected name:password:role[+role]");
            }
            String name = entry.substring(0, first);
            String password = entry.substring(first + 1, last);
            if (password.isEmpty()) {
                throw new SecurityConfigException(where + " (user \"" + name + "\"): empty password");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String r : entry.substring(last + 1).split("\\+")) {
                String role = r.trim();
                if (role.equals("*") || role.equals("all")) {
                    roles.addAll(Role.ALL_NAMES);
                } else if (Role.byName(role) == null) {
                    throw new SecurityConfigException(where + " (user \"" + name + "\"): unknown role \"" + role
                            + "\"; roles are " + String.join(", ", Role.ALL_NAMES) + " (or all)");
                } else {
                    roles.add(role);
                }
            }
            if (!names.add(name)) {
                throw new SecurityConfigException(where + ": user \"" + name + "\" is listed twice");
            }
            users.add(new User(name, PasswordHash.parse(password), roles, source));
        }
        return users;
    }
}
