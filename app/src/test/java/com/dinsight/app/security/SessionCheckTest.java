package com.dinsight.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dinsight.api.Caller;
import com.dinsight.command.identity.token.AccessTokens;
import com.dinsight.testsupport.TestDatabase;
import com.dinsight.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The per-request session check against the migrated schema, on a clock the test moves. */
class SessionCheckTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private static JdbcClient jdbc;
    private final AtomicLong nanos = new AtomicLong();
    private final SessionCheck check = new SessionCheck(jdbc, TTL, nanos::get);

    @BeforeAll
    static void migrate() {
        TestDatabase database = TestPostgres.freshDatabase("session_check");
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password()));
    }

    @Test
    void a_revoked_session_is_refused_once_what_was_read_about_it_is_older_than_the_ttl() {
        UUID user = user("analyst");
        UUID session = UUID.randomUUID();
        assertThat(caller(user, session).role()).isEqualTo("analyst");

        revoke(user, session);
        elapse(TTL.minusMillis(1));
        assertThat(caller(user, session).userId()).as("what was read a moment ago still holds").isEqualTo(user);
        elapse(Duration.ofMillis(1));
        assertThatThrownBy(() -> caller(user, session)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("session of this token has ended");
        assertThat(caller(user, UUID.randomUUID()).userId()).as("another session of the user").isEqualTo(user);
    }

    @Test
    void deactivation_and_role_changes_apply_within_the_ttl() {
        UUID demoted = user("admin");
        UUID deactivated = user("user");
        UUID session = UUID.randomUUID();
        assertThat(caller(demoted, session).role()).isEqualTo("admin");
        assertThat(caller(deactivated, session).role()).isEqualTo("user");

        jdbc.sql("UPDATE users SET role = 'user' WHERE id = ?").param(demoted).update();
        jdbc.sql("UPDATE users SET is_active = false WHERE id = ?").param(deactivated).update();
        elapse(TTL);
        assertThat(caller(demoted, session).role()).isEqualTo("user");
        assertThatThrownBy(() -> caller(deactivated, session)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("deactivated");
    }

    @Test
    void a_user_the_read_model_does_not_know_yet_keeps_the_role_of_the_token() {
        assertThat(caller(UUID.randomUUID(), UUID.randomUUID()).role()).isEqualTo("token-role");
    }

    @Test
    void with_no_ttl_every_request_reads_the_read_model() {
        SessionCheck uncached = new SessionCheck(jdbc, Duration.ZERO, nanos::get);
        UUID user = user("user");
        UUID session = UUID.randomUUID();
        uncached.convert(token(user, session));
        revoke(user, session);
        assertThatThrownBy(() -> uncached.convert(token(user, session))).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void a_token_without_a_session_id_is_refused() {
        Jwt noSession = Jwt.withTokenValue("t").header("alg", "RS256").subject(UUID.randomUUID().toString())
                .issuedAt(Instant.now()).build();
        assertThatThrownBy(() -> check.convert(noSession)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("does not name a user and session");
    }

    private Caller caller(UUID user, UUID session) {
        return (Caller) check.convert(token(user, session)).getPrincipal();
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static Jwt token(UUID user, UUID session) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(user.toString())
                .claim(AccessTokens.SESSION_CLAIM, session.toString()).claim(AccessTokens.ROLE_CLAIM, "token-role")
                .issuedAt(Instant.now()).build();
    }

    private static void revoke(UUID user, UUID session) {
        jdbc.sql("INSERT INTO revoked_sessions (session_id, user_id, reason, revoked_at) VALUES (?, ?, 'logout', now())")
                .params(session, user).update();
    }

    private static UUID user(String role) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO users (id, email, password_hash, full_name, role, is_active, email_verified)
                        VALUES (?, ?, 'x', 'Test User', ?, true, true)""")
                .params(id, id + "@example.com", role).update();
        return id;
    }
}
