package dev.pharos.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The five roles of the security model; their names are the ones used in @RolesAllowed. */
public enum Role {
    READER("reader"),
    PUSHER("pusher"),
    ALERT_SENDER("alert-sender"),
    SILENCER("silencer"),
    ADMIN("admin");

    /** Every role name, in declaration order. */
    public static final Set<String> ALL_NAMES;

    static {
        Set<String> names = new LinkedHashSet<>();
        for (Role r : values()) {
            names.add(r.roleName);
        }
        ALL_NAMES = Collections.unmodifiableSet(names);
    }

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    /** The role called {@code name}, or null. */
    public static Role byName(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst().orElse(null);
    }
}
