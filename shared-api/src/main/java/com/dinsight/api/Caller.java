package com.dinsight.api;

import java.util.UUID;

/** Who sends a command or query: the authenticated user and the role the read model gives them. */
public record Caller(UUID userId, String role) {

    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String SUPER_ADMIN = "super_admin";

    public boolean isAdmin() {
        return ADMIN.equals(role) || SUPER_ADMIN.equals(role);
    }

    /** Roles in order of power; a role's rank says what it may grant. */
    public static int rank(String role) {
        return switch (role) {
            case SUPER_ADMIN -> 3;
            case ADMIN -> 2;
            case USER -> 1;
            default -> 0;
        };
    }
}
