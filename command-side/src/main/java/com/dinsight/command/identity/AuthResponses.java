package com.dinsight.command.identity;

import com.dinsight.api.identity.SessionGrant;
import java.util.UUID;

/** Answers of the /auth endpoints (snake_case through the API's naming strategy). */
final class AuthResponses {

    private AuthResponses() {
    }

    record Registered(UUID userId) {
    }

    record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType, UserSummary user) {
    }

    record UserSummary(UUID id, String email, String fullName, String role) {

        static UserSummary of(SessionGrant grant) {
            return new UserSummary(grant.userId(), grant.email(), grant.fullName(), grant.role());
        }
    }

    record Status(String status) {
    }
}
