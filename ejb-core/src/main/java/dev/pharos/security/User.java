package dev.pharos.security;

import java.util.Set;

/** A user Pharos can authenticate: name, stored password and the roles granted. */
public record User(String name, PasswordHash password, Set<String> roles, String source) {

    public User {
        roles = Set.copyOf(roles);
    }
}
