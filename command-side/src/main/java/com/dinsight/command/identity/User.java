package com.dinsight.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.identity.ChangePassword;
import com.dinsight.api.identity.ChangeRole;
import com.dinsight.api.identity.DeactivateUser;
import com.dinsight.api.identity.EmailVerified;
import com.dinsight.api.identity.LogIn;
import com.dinsight.api.identity.LoginFailed;
import com.dinsight.api.identity.PasswordChanged;
import com.dinsight.api.identity.PasswordReset;
import com.dinsight.api.identity.PasswordResetRequested;
import com.dinsight.api.identity.Profile;
import com.dinsight.api.identity.ProfileUpdated;
import com.dinsight.api.identity.RecordFailedLogin;
import com.dinsight.api.identity.RefreshSession;
import com.dinsight.api.identity.RegisterUser;
import com.dinsight.api.identity.RequestPasswordReset;
import com.dinsight.api.identity.ResetPassword;
import com.dinsight.api.identity.RevokeSession;
import com.dinsight.api.identity.RoleChanged;
import com.dinsight.api.identity.SessionGrant;
import com.dinsight.api.identity.SessionRefreshed;
import com.dinsight.api.identity.SessionRevoked;
import com.dinsight.api.identity.UpdateProfile;
import com.dinsight.api.identity.UserDeactivated;
import com.dinsight.api.identity.UserLoggedIn;
import com.dinsight.api.identity.UserRegistered;
import com.dinsight.api.identity.VerifyEmail;
import com.dinsight.command.error.Refusals;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account and its sessions. Sessions live here so that a password change, a reset or a
 * deactivation ends all of them in the same transaction, and so that a refresh token presented a
 * second time (a stolen copy) is recognised and its session revoked.
 */
@Aggregate
class User {

    static final String REUSED_TOKEN = "refresh token reuse";

    @AggregateIdentifier
    private UUID userId;
    private String email;
    private String fullName;
    private String role;
    private boolean active;
    private boolean emailVerified;
    private OneTimeToken verification;
    private OneTimeToken reset;
    private int consecutiveFailures;
    private Instant lockedUntil;
    private final Map<UUID, Session> sessions = new HashMap<>();

    /** A hashed single-use token and its expiry. */
    private record OneTimeToken(String hash, Instant expiresAt) {

        boolean accepts(String presentedHash, Instant now) {
            return hash.equals(presentedHash) && now.isBefore(expiresAt);
        }
    }

    /** A live session: its current refresh-token hash, the hashes it rotated away from, its expiry. */
    private record Session(String currentHash, Set<String> usedHashes, Instant expiresAt) {

        Session rotatedTo(String hash, Instant newExpiry) {
            Set<String> used = new HashSet<>(usedHashes);
            used.add(currentHash);
            return new Session(hash, Set.copyOf(used), newExpiry);
        }
    }

    User() {
        // for Axon
    }

    @CommandHandler
    User(RegisterUser command, CredentialStore credentials, IdentityPolicy policy, Clock clock) {
        CredentialStore.Registration registration =
                credentials.register(command.userId(), command.email(), command.passwordHash());
        if (registration == CredentialStore.Registration.EMAIL_TAKEN) {
            throw Refusals.refuse(new BusinessError(ErrorCode.CONFLICT,
                    "An account with this email address already exists", List.of()));
        }
        Instant now = clock.instant();
        String role = registration == CredentialStore.Registration.FIRST_USER ? Caller.SUPER_ADMIN : Caller.USER;
        apply(new UserRegistered(command.userId(), command.email().trim(), command.fullName().trim(), role,
                command.verificationTokenHash(), now.plus(policy.verificationTokenTtl()), now));
    }

    @CommandHandler
    void handle(VerifyEmail command, Clock clock) {
        Instant now = clock.instant();
        if (verification == null || !verification.accepts(command.tokenHash(), now)) {
            throw invalidToken("verification");
        }
        apply(new EmailVerified(userId, now));
    }

    @CommandHandler
    SessionGrant handle(LogIn command, IdentityPolicy policy, Clock clock) {
        Instant now = clock.instant();
        if (!active || isLocked(now)) {
            throw unauthorized();
        }
        Instant expiresAt = now.plus(command.rememberMe() ? policy.rememberMeTtl() : policy.refreshTokenTtl());
        apply(new UserLoggedIn(userId, command.sessionId(), command.refreshTokenHash(), expiresAt,
                command.rememberMe(), now));
        return new SessionGrant(userId, command.sessionId(), email, fullName, role, expiresAt);
    }

    @CommandHandler
    void handle(RecordFailedLogin command, IdentityPolicy policy, Clock clock) {
        Instant now = clock.instant();
        if (isLocked(now)) {
            apply(new LoginFailed(userId, consecutiveFailures, lockedUntil, now));
            return;
        }
        int failures = consecutiveFailures + 1;
        Instant lock = failures >= policy.lockAfterFailures() ? now.plus(policy.lockDuration()) : null;
        apply(new LoginFailed(userId, failures, lock, now));
    }

    /** Answers the new grant, or null when the token was a reused one and the session is now revoked. */
    @CommandHandler
    SessionGrant handle(RefreshSession command, IdentityPolicy policy, Clock clock) {
        Instant now = clock.instant();
        Session session = sessions.get(command.sessionId());
        if (!active || session == null || !now.isBefore(session.expiresAt())) {
            throw unauthorized();
        }
        if (session.usedHashes().contains(command.presentedTokenHash())) {
            apply(new SessionRevoked(userId, command.sessionId(), REUSED_TOKEN, now));
            return null;
        }
        if (!session.currentHash().equals(command.presentedTokenHash())) {
            throw unauthorized();
        }
        Instant expiresAt = now.plus(policy.refreshTokenTtl());
        apply(new SessionRefreshed(userId, command.sessionId(), command.newTokenHash(), expiresAt, now));
        return new SessionGrant(userId, command.sessionId(), email, fullName, role, expiresAt);
    }

    @CommandHandler
    void handle(RevokeSession command, Clock clock) {
        Session session = sessions.get(command.sessionId());
        boolean tokenMatches = command.presentedTokenHash() == null || session != null
                && (session.currentHash().equals(command.presentedTokenHash())
                || session.usedHashes().contains(command.presentedTokenHash()));
        if (session == null || !tokenMatches) {
            throw Refusals.refuse(new BusinessError(ErrorCode.NOT_FOUND, "No such session", List.of()));
        }
        apply(new SessionRevoked(userId, command.sessionId(), command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangePassword command, CredentialStore credentials, Clock clock) {
        Instant now = clock.instant();
        credentials.changePassword(userId, command.newPasswordHash());
        apply(new PasswordChanged(userId, now));
        revokeAllSessions("password changed", now);
    }

    @CommandHandler
    void handle(RequestPasswordReset command, IdentityPolicy policy, Clock clock) {
        if (!active) {
            return; // an inactive account gets no reset mail; the caller answers 202 either way
        }
        Instant now = clock.instant();
        apply(new PasswordResetRequested(userId, command.tokenHash(), now.plus(policy.resetTokenTtl()), now));
    }

    @CommandHandler
    void handle(ResetPassword command, CredentialStore credentials, Clock clock) {
        Instant now = clock.instant();
        if (!active || reset == null || !reset.accepts(command.tokenHash(), now)) {
            throw invalidToken("reset");
        }
        credentials.changePassword(userId, command.newPasswordHash());
        apply(new PasswordReset(userId, now));
        revokeAllSessions("password reset", now);
    }

    @CommandHandler
    Profile handle(UpdateProfile command, Clock clock) {
        apply(new ProfileUpdated(userId, command.fullName().trim(), clock.instant()));
        return new Profile(userId, email, fullName, role);
    }

    @CommandHandler
    Profile handle(ChangeRole command, Clock clock) {
        Caller admin = command.changedBy();
        requireAuthorityOver(admin);
        if (Caller.rank(command.role()) == 0) {
            throw Refusals.invalid(List.of(new com.dinsight.api.error.FieldError("role",
                    "must be one of user, admin, super_admin")));
        }
        if (Caller.rank(command.role()) > Caller.rank(admin.role())) {
            throw forbidden("You cannot grant a role above your own");
        }
        if (!command.role().equals(role)) {
            apply(new RoleChanged(userId, role, command.role(), admin.userId(), clock.instant()));
        }
        return new Profile(userId, email, fullName, role);
    }

    @CommandHandler
    void handle(DeactivateUser command, Clock clock) {
        requireAuthorityOver(command.deactivatedBy());
        if (active) {
            Instant now = clock.instant();
            apply(new UserDeactivated(userId, command.deactivatedBy().userId(), now));
            revokeAllSessions("user deactivated", now);
        }
    }

    private void requireAuthorityOver(Caller admin) {
        if (!admin.isAdmin()) {
            throw forbidden("Only admins may do this");
        }
        if (admin.userId().equals(userId)) {
            throw forbidden("You cannot change your own role or deactivate yourself");
        }
        if (Caller.rank(role) > Caller.rank(admin.role())) {
            throw forbidden("You cannot change a user whose role is above your own");
        }
    }

    private void revokeAllSessions(String reason, Instant now) {
        List.copyOf(sessions.keySet()).forEach(id -> apply(new SessionRevoked(userId, id, reason, now)));
    }

    private boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    private static RuntimeException unauthorized() {
        return Refusals.refuse(new BusinessError(ErrorCode.UNAUTHORIZED,
                "Invalid email or password, or the account is locked or inactive", List.of()));
    }

    private static RuntimeException invalidToken(String kind) {
        return Refusals.invalid(List.of(new com.dinsight.api.error.FieldError("token",
                "is not a valid, unused and unexpired " + kind + " token")));
    }

    private static RuntimeException forbidden(String message) {
        return Refusals.refuse(new BusinessError(ErrorCode.FORBIDDEN, message, List.of()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        email = event.email();
        fullName = event.fullName();
        role = event.role();
        active = true;
        verification = new OneTimeToken(event.verificationTokenHash(), event.verificationExpiresAt());
    }

    @EventSourcingHandler
    void on(EmailVerified event) {
        emailVerified = true;
        verification = null;
    }

    @EventSourcingHandler
    void on(UserLoggedIn event) {
        consecutiveFailures = 0;
        lockedUntil = null;
        dropExpiredSessions(event.loggedInAt());
        sessions.put(event.sessionId(), new Session(event.refreshTokenHash(), Set.of(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(LoginFailed event) {
        consecutiveFailures = event.lockedUntil() != null ? 0 : event.consecutiveFailures();
        lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(SessionRefreshed event) {
        sessions.computeIfPresent(event.sessionId(),
                (id, session) -> session.rotatedTo(event.refreshTokenHash(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        sessions.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        reset = new OneTimeToken(event.resetTokenHash(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(PasswordReset event) {
        reset = null;
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        fullName = event.fullName();
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        role = event.newRole();
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    /** Keeps the state small: a session past its expiry can never be refreshed again. */
    private void dropExpiredSessions(Instant now) {
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt()));
    }
}
