package dev.pharos.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Roles from the groups a directory or an identity provider says a user is in. */
public final class GroupRoles {

    private GroupRoles() {
    }

    /** {@code ops=admin+reader;grafana-users=reader}: group to roles ({@code all}: every role). */
    public static Map<String, Set<String>> parse(String spec, String setting) throws SecurityConfigException {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return map;
        }
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new SecurityConfigException(setting + " entry \"" + entry.trim() + "\": expected group=role[+role]");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String r : entry.substring(eq + 1).split("\\+")) {
                String role = r.trim();
                if (role.equals("all")) {
                    roles.addAll(Role.ALL_NAMES);
                } else if (Role.byName(role) == null) {
                    throw new SecurityConfigException(setting + " entry \"" + entry.trim() + "\": unknown role \"" + role + "\"");
                } else {
                    roles.add(role);
                }
            }
            map.put(entry.substring(0, eq).trim(), Set.copyOf(roles));
        }
        return Map.copyOf(map);
    }

    /** The roles the groups grant: by the mapping, and a group named like a role grants that role. */
    public static Set<String> of(Collection<String> groups, Map<String, Set<String>> mapping) {
        Set<String> roles = new LinkedHashSet<>();
        for (String g : groups) {
            if (Role.byName(g) != null) {
                roles.add(g);
            }
            Set<String> mapped = mapping.get(g);
            if (mapped != null) {
                roles.addAll(mapped);
            }
        }
        return Set.copyOf(roles);
    }
}
