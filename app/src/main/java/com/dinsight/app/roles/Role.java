package com.dinsight.app.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts one process can run; {@code DINSIGHT_ROLES} names some, by default all. */
public enum Role {
    COMMAND,
    QUERY,
    WORKER;

    public static final String PROPERTY = "dinsight.roles";

    /** Parses "command,query" (any case, spaces allowed); blank means every role. */
    public static Set<Role> parse(String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DINSIGHT_ROLES names an unknown role '" + trimmed
                        + "'; known roles are " + Arrays.stream(values()).map(Role::label)
                        .collect(Collectors.joining(", ")));
            }
        }
        return roles;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
