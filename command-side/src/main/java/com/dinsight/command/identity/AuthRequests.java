package com.dinsight.command.identity;

/** Bodies of the /auth endpoints. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(String email, String password, String fullName) {
    }

    record Token(String token) {
    }

    record Login(String email, String password, Boolean rememberMe) {
    }

    record RefreshToken(String refreshToken) {
    }

    record Email(String email) {
    }

    record ResetPassword(String token, String newPassword) {
    }

    record ChangePassword(String currentPassword, String newPassword) {
    }

    record ProfileChange(String fullName) {
    }

    record RoleChange(String role) {
    }
}
