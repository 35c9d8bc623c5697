package com.dinsight.command.identity;

import com.dinsight.api.Caller;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.identity.ChangePassword;
import com.dinsight.api.identity.ChangeRole;
import com.dinsight.api.identity.DeactivateUser;
import com.dinsight.api.identity.Profile;
import com.dinsight.api.identity.RevokeSession;
import com.dinsight.api.identity.UpdateProfile;
import com.dinsight.command.identity.AuthRequests.ProfileChange;
import com.dinsight.command.identity.AuthRequests.RoleChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class UserCommandController {

    private final CommandGateway commands;
    private final CredentialStore credentials;
    private final Passwords passwords;

    UserCommandController(CommandGateway commands, CredentialStore credentials, Passwords passwords) {
        this.commands = commands;
        this.credentials = credentials;
        this.passwords = passwords;
    }

    @PutMapping("/api/v1/users/profile")
    @Operation(summary = "Change the caller's full name")
    Profile updateProfile(@AuthenticationPrincipal Caller caller, @RequestBody ProfileChange body) {
        new FieldChecks().text("full_name", body.fullName()).orRefuse();
        return commands.sendAndWait(new UpdateProfile(caller.userId(), body.fullName()));
    }

    @PostMapping("/api/v1/users/change-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password; every session of the caller ends")
    void changePassword(@AuthenticationPrincipal Caller caller, @RequestBody AuthRequests.ChangePassword body) {
        FieldChecks checks = new FieldChecks().required("current_password", body.currentPassword())
                .password("new_password", body.newPassword());
        boolean currentMatches = body.currentPassword() != null && credentials.findByUser(caller.userId())
                .map(found -> passwords.matches(body.currentPassword(), found.passwordHash())).orElse(false);
        if (body.currentPassword() != null && !currentMatches) {
            checks.add(new FieldError("current_password", "is not your current password"));
        }
        checks.orRefuse();
        commands.sendAndWait(new ChangePassword(caller.userId(), passwords.hash(body.newPassword())));
    }

    @DeleteMapping("/api/v1/users/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one of the caller's sessions")
    void revokeSession(@AuthenticationPrincipal Caller caller, @PathVariable UUID sessionId) {
        commands.sendAndWait(new RevokeSession(caller.userId(), sessionId, "revoked by user", null));
    }

    @PutMapping("/api/v1/admin/users/{userId}/role")
    @Operation(summary = "Give a user another role, never above the caller's own (admin)")
    Profile changeRole(@AuthenticationPrincipal Caller caller, @PathVariable UUID userId, @RequestBody RoleChange body) {
        new FieldChecks().required("role", body.role()).orRefuse();
        return commands.sendAndWait(new ChangeRole(userId, body.role(), caller));
    }

    @PostMapping("/api/v1/admin/users/{userId}/deactivate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deactivate a user and end their sessions (admin)")
    void deactivate(@AuthenticationPrincipal Caller caller, @PathVariable UUID userId) {
        commands.sendAndWait(new DeactivateUser(userId, caller));
    }
}
