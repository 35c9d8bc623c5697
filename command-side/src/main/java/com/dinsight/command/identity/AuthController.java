package com.dinsight.command.identity;

import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.identity.LogIn;
import com.dinsight.api.identity.RecordFailedLogin;
import com.dinsight.api.identity.RefreshSession;
import com.dinsight.api.identity.RegisterUser;
import com.dinsight.api.identity.RequestPasswordReset;
import com.dinsight.api.identity.ResetPassword;
import com.dinsight.api.identity.RevokeSession;
import com.dinsight.api.identity.SessionGrant;
import com.dinsight.api.identity.VerifyEmail;
import com.dinsight.command.error.Refusals;
import com.dinsight.command.identity.AuthRequests.Email;
import com.dinsight.command.identity.AuthRequests.Login;
import com.dinsight.command.identity.AuthRequests.RefreshToken;
import com.dinsight.command.identity.AuthRequests.Register;
import com.dinsight.command.identity.AuthRequests.Token;
import com.dinsight.command.identity.AuthResponses.Registered;
import com.dinsight.command.identity.AuthResponses.Status;
import com.dinsight.command.identity.AuthResponses.Tokens;
import com.dinsight.command.identity.AuthResponses.UserSummary;
import com.dinsight.command.identity.CredentialStore.Credential;
import com.dinsight.command.identity.RateLimiter.Limit;
import com.dinsight.command.identity.mail.IdentityMails;
import com.dinsight.command.identity.token.AccessTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity")
class AuthController {

    private final CommandGateway commands;
    private final CredentialStore credentials;
    private final Passwords passwords;
    private final RateLimiter rateLimiter;
    private final AccessTokens accessTokens;
    private final IdentityMails mails;

    AuthController(CommandGateway commands, CredentialStore credentials, Passwords passwords,
                   RateLimiter rateLimiter, AccessTokens accessTokens, IdentityMails mails) {
        this.commands = commands;
        this.credentials = credentials;
        this.passwords = passwords;
        this.rateLimiter = rateLimiter;
        this.accessTokens = accessTokens;
        this.mails = mails;
    }

    @PostMapping("/register")
    @Operation(summary = "Register; the first user of an empty system becomes super_admin. A verification mail is sent.")
    ResponseEntity<Registered> register(@RequestBody Register body, HttpServletRequest request) {
        rateLimiter.acquire(Limit.REGISTER, ClientInfo.address(request));
        new FieldChecks().email("email", body.email()).password("password", body.password())
                .text("full_name", body.fullName()).orRefuse();
        UUID userId = UUID.randomUUID();
        String verification = SecretTokens.create(userId);
        commands.sendAndWait(new RegisterUser(userId, body.email().trim(), body.fullName(),
                passwords.hash(body.password()), SecretTokens.hash(verification)));
        mails.verification(body.email().trim(), body.fullName().trim(), verification);
        return ResponseEntity.created(URI.create("/api/v1/users/profile")).body(new Registered(userId));
    }

    @PostMapping("/verify-email")
    @Operation(summary = "Confirm the email address with the token from the verification mail (valid 24 hours, once)")
    Status verifyEmail(@RequestBody Token body) {
        UUID userId = SecretTokens.ids(body.token(), 1).orElseThrow(() -> FieldChecks.invalidToken("token")).get(0);
        sendForUser(new VerifyEmail(userId, SecretTokens.hash(body.token())), "token");
        return new Status("verified");
    }

    @PostMapping("/login")
    @Operation(summary = "Log in; 5 attempts per 15 minutes per address and email, 10 failures in a row lock the account for 15 minutes")
    Tokens login(@RequestBody Login body, HttpServletRequest request) {
        new FieldChecks().required("email", body.email()).required("password", body.password()).orRefuse();
        rateLimiter.acquire(Limit.LOGIN, ClientInfo.address(request) + "|" + CredentialStore.emailKey(body.email()));
        Optional<Credential> credential = credentials.findByEmail(body.email());
        boolean valid = credential.isPresent()
                ? passwords.matches(body.password(), credential.get().passwordHash())
                : passwords.matchesNothing(body.password());
        if (!valid) {
            credential.ifPresent(found -> commands.sendAndWait(new RecordFailedLogin(found.userId())));
            throw unauthorized();
        }
        UUID userId = credential.get().userId();
        UUID sessionId = UUID.randomUUID();
        String refreshToken = SecretTokens.create(userId, sessionId);
        SessionGrant grant = commands.sendAndWait(new LogIn(userId, sessionId, SecretTokens.hash(refreshToken),
                Boolean.TRUE.equals(body.rememberMe())));
        return tokens(grant, refreshToken);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the refresh token rotates, and a rotated one presented again revokes its session")
    Tokens refresh(@RequestBody RefreshToken body) {
        List<UUID> ids = SecretTokens.ids(body.refreshToken(), 2).orElseThrow(AuthController::unauthorized);
        String next = SecretTokens.create(ids.get(0), ids.get(1));
        SessionGrant grant;
        try {
            grant = commands.sendAndWait(new RefreshSession(ids.get(0), ids.get(1),
                    SecretTokens.hash(body.refreshToken()), SecretTokens.hash(next)));
        } catch (AggregateNotFoundException unknownUser) {
            throw unauthorized();
        }
        if (grant == null) {
            throw Refusals.refuse(new BusinessError(ErrorCode.UNAUTHORIZED,
                    "This refresh token was already used; the session has been revoked", List.of()));
        }
        return tokens(grant, next);
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the session of this refresh token")
    void logout(@RequestBody RefreshToken body) {
        SecretTokens.ids(body.refreshToken(), 2).ifPresent(ids -> {
            try {
                commands.sendAndWait(new RevokeSession(ids.get(0), ids.get(1), "logout",
                        SecretTokens.hash(body.refreshToken())));
            } catch (AggregateNotFoundException | org.axonframework.commandhandling.CommandExecutionException ignored) {
                // an unknown or already ended session: logging out again is harmless
            }
        });
    }

    @PostMapping("/forgot-password")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a password-reset token (valid 1 hour, once); answers 202 whether or not the email exists")
    Status forgotPassword(@RequestBody Email body, HttpServletRequest request) {
        rateLimiter.acquire(Limit.FORGOT_PASSWORD, ClientInfo.address(request));
        new FieldChecks().required("email", body.email()).orRefuse();
        credentials.findByEmail(body.email()).ifPresent(found -> {
            String token = SecretTokens.create(found.userId());
            commands.sendAndWait(new RequestPasswordReset(found.userId(), SecretTokens.hash(token)));
            mails.passwordReset(body.email().trim(), token);
        });
        return new Status("If this email belongs to an account, a reset mail is on its way");
    }

    @PostMapping("/reset-password")
    @Operation(summary = "Set a new password with a reset token; every session of the user ends")
    Status resetPassword(@RequestBody AuthRequests.ResetPassword body) {
        new FieldChecks().required("token", body.token()).password("new_password", body.newPassword()).orRefuse();
        UUID userId = SecretTokens.ids(body.token(), 1).orElseThrow(() -> FieldChecks.invalidToken("token")).get(0);
        sendForUser(new ResetPassword(userId, SecretTokens.hash(body.token()), passwords.hash(body.newPassword())), "token");
        return new Status("password reset");
    }

    private void sendForUser(Object command, String tokenField) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknownUser) {
            throw FieldChecks.invalidToken(tokenField);
        }
    }

    private Tokens tokens(SessionGrant grant, String refreshToken) {
        return new Tokens(accessTokens.issue(grant), refreshToken, accessTokens.ttl().toSeconds(), "Bearer",
                UserSummary.of(grant));
    }

    private static RuntimeException unauthorized() {
        return Refusals.refuse(new BusinessError(ErrorCode.UNAUTHORIZED,
                "Invalid email or password, or the account is locked or inactive", List.of()));
    }
}
