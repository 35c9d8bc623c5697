package com.dinsight.api.identity;

import java.util.UUID;

/** The identity a command on a user answers with. */
public record Profile(UUID id, String email, String fullName, String role) {
}
