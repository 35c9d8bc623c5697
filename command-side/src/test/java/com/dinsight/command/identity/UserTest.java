package com.dinsight.command.identity;

import com.dinsight.api.Caller;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import com.dinsight.api.identity.ChangeRole;
import com.dinsight.api.identity.DeactivateUser;
import com.dinsight.api.identity.EmailVerified;
import com.dinsight.api.identity.LogIn;
import com.dinsight.api.identity.LoginFailed;
import com.dinsight.api.identity.Profile;
import com.dinsight.api.identity.RecordFailedLogin;
import com.dinsight.api.identity.RefreshSession;
import com.dinsight.api.identity.RevokeSession;
import com.dinsight.api.identity.RoleChanged;
import com.dinsight.api.identity.SessionGrant;
import com.dinsight.api.identity.SessionRefreshed;
import com.dinsight.api.identity.SessionRevoked;
import com.dinsight.api.identity.UserDeactivated;
import com.dinsight.api.identity.UserLoggedIn;
import com.dinsight.api.identity.UserRegistered;
import com.dinsight.api.identity.VerifyEmail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-0000000000ad");
    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-00000000005e");
    private static final IdentityPolicy POLICY = IdentityPolicy.defaults();

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(POLICY);
    }

    private static UserRegistered registered(String role) {
        return new UserRegistered(USER, "ann@example.com", "Ann", role, "verify-hash",
                NOW.plus(Duration.ofHours(24)), NOW.minus(Duration.ofHours(1)));
    }

    private static UserLoggedIn loggedIn(String tokenHash, Instant expiresAt) {
        return new UserLoggedIn(USER, SESSION, tokenHash, expiresAt, false, NOW.minus(Duration.ofMinutes(5)));
    }

    @Test
    void a_login_starts_a_seven_day_session_and_thirty_days_with_remember_me() {
        fixture.given(registered("user"))
                .when(new LogIn(USER, SESSION, "refresh-hash", false))
                .expectEvents(new UserLoggedIn(USER, SESSION, "refresh-hash", NOW.plus(Duration.ofDays(7)), false, NOW))
                .expectResultMessagePayload(new SessionGrant(USER, SESSION, "ann@example.com", "Ann", "user",
                        NOW.plus(Duration.ofDays(7))));
        fixture.given(registered("user"))
                .when(new LogIn(USER, SESSION, "refresh-hash", true))
                .expectEvents(new UserLoggedIn(USER, SESSION, "refresh-hash", NOW.plus(Duration.ofDays(30)), true, NOW));
    }

    @Test
    void the_tenth_wrong_password_in_a_row_locks_the_account_for_fifteen_minutes() {
        fixture.given(registered("user"), new LoginFailed(USER, 9, null, NOW.minusSeconds(10)))
                .when(new RecordFailedLogin(USER))
                .expectEvents(new LoginFailed(USER, 10, NOW.plus(Duration.ofMinutes(15)), NOW));
    }

    @Test
    void a_locked_account_cannot_log_in_even_with_the_right_password() {
        fixture.given(registered("user"), new LoginFailed(USER, 10, NOW.plus(Duration.ofMinutes(10)), NOW.minusSeconds(300)))
                .when(new LogIn(USER, SESSION, "refresh-hash", false))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(Refused.with(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void the_lock_ends_after_its_time_and_a_success_clears_the_count() {
        fixture.given(registered("user"), new LoginFailed(USER, 10, NOW.minusSeconds(1), NOW.minus(Duration.ofMinutes(16))))
                .when(new LogIn(USER, SESSION, "refresh-hash", false))
                .expectSuccessfulHandlerExecution();
        fixture.given(registered("user"), new LoginFailed(USER, 4, null, NOW.minusSeconds(60)),
                        loggedIn("h", NOW.plus(Duration.ofDays(1))))
                .when(new RecordFailedLogin(USER))
                .expectEvents(new LoginFailed(USER, 1, null, NOW));
    }

    @Test
    void refreshing_rotates_the_token() {
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))))
                .when(new RefreshSession(USER, SESSION, "first", "second"))
                .expectEvents(new SessionRefreshed(USER, SESSION, "second", NOW.plus(Duration.ofDays(7)), NOW));
    }

    @Test
    void presenting_a_rotated_refresh_token_again_revokes_the_whole_session() {
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))),
                        new SessionRefreshed(USER, SESSION, "second", NOW.plus(Duration.ofDays(7)), NOW.minusSeconds(5)))
                .when(new RefreshSession(USER, SESSION, "first", "third"))
                .expectEvents(new SessionRevoked(USER, SESSION, User.REUSED_TOKEN, NOW))
                .expectResultMessagePayload(null);
    }

    @Test
    void an_unknown_or_expired_refresh_token_is_refused() {
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))))
                .when(new RefreshSession(USER, SESSION, "forged", "next"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.UNAUTHORIZED));
        fixture.given(registered("user"), loggedIn("first", NOW.minusSeconds(1)))
                .when(new RefreshSession(USER, SESSION, "first", "next"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void logout_must_present_the_sessions_token() {
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))))
                .when(new RevokeSession(USER, SESSION, "logout", "someone-elses"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND));
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))))
                .when(new RevokeSession(USER, SESSION, "logout", "first"))
                .expectEvents(new SessionRevoked(USER, SESSION, "logout", NOW));
    }

    @Test
    void the_verification_token_works_once_and_only_before_it_expires() {
        fixture.given(registered("user"))
                .when(new VerifyEmail(USER, "verify-hash"))
                .expectEvents(new EmailVerified(USER, NOW));
        fixture.given(registered("user"), new EmailVerified(USER, NOW.minusSeconds(1)))
                .when(new VerifyEmail(USER, "verify-hash"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR));
        fixture.given(new UserRegistered(USER, "ann@example.com", "Ann", "user", "verify-hash",
                        NOW.minusSeconds(1), NOW.minus(Duration.ofDays(2))))
                .when(new VerifyEmail(USER, "verify-hash"))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void an_admin_cannot_grant_a_role_above_their_own() {
        fixture.given(registered("user"))
                .when(new ChangeRole(USER, "super_admin", new Caller(ADMIN, "admin")))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.FORBIDDEN));
        fixture.given(registered("user"))
                .when(new ChangeRole(USER, "admin", new Caller(ADMIN, "admin")))
                .expectEvents(new RoleChanged(USER, "user", "admin", ADMIN, NOW))
                .expectResultMessagePayload(new Profile(USER, "ann@example.com", "Ann", "admin"));
    }

    @Test
    void nobody_changes_their_own_role_and_users_change_no_roles() {
        fixture.given(registered("admin"))
                .when(new ChangeRole(USER, "super_admin", new Caller(USER, "admin")))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.FORBIDDEN));
        fixture.given(registered("user"))
                .when(new ChangeRole(USER, "user", new Caller(ADMIN, "user")))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.FORBIDDEN));
        fixture.given(registered("super_admin"))
                .when(new ChangeRole(USER, "user", new Caller(ADMIN, "admin")))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.FORBIDDEN));
    }

    @Test
    void deactivation_ends_every_session() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-00000000005f");
        fixture.given(registered("user"), loggedIn("first", NOW.plus(Duration.ofDays(7))),
                        new UserLoggedIn(USER, other, "x", NOW.plus(Duration.ofDays(7)), false, NOW.minusSeconds(1)))
                .when(new DeactivateUser(USER, new Caller(ADMIN, "admin")))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.<Object>equalTo(new UserDeactivated(USER, ADMIN, NOW)),
                                org.hamcrest.Matchers.<Object>instanceOf(SessionRevoked.class),
                                org.hamcrest.Matchers.<Object>instanceOf(SessionRevoked.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
        fixture.given(registered("user"), new UserDeactivated(USER, ADMIN, NOW.minusSeconds(1)))
                .when(new LogIn(USER, SESSION, "h", false))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.UNAUTHORIZED));
    }
}
