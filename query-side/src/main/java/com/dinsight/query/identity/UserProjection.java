package com.dinsight.query.identity;

import com.dinsight.api.identity.EmailVerified;
import com.dinsight.api.identity.PasswordChanged;
import com.dinsight.api.identity.PasswordReset;
import com.dinsight.api.identity.ProfileUpdated;
import com.dinsight.api.identity.RoleChanged;
import com.dinsight.api.identity.SessionRefreshed;
import com.dinsight.api.identity.SessionRevoked;
import com.dinsight.api.identity.UserDeactivated;
import com.dinsight.api.identity.UserLoggedIn;
import com.dinsight.api.identity.UserRegistered;
import com.dinsight.query.ReadModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code users}, {@code refresh_tokens} (one row per live session, holding the hash of
 * its current token) and {@code revoked_sessions}, which the API checks on every request.
 * {@code users.password_hash} holds a marker: hashes stay in the command side's credential store.
 */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class UserProjection {

    static final String PASSWORD_HASH_MARKER = "!kept-by-the-command-side";

    private final JdbcClient jdbc;

    UserProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.sql("""
                        INSERT INTO users (id, email, password_hash, full_name, role, is_active, email_verified,
                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, true, false, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(event.userId(), event.email(), PASSWORD_HASH_MARKER, event.fullName(), event.role(),
                        time(event.registeredAt()), time(event.registeredAt()))
                .update();
    }

    @EventHandler
    void on(EmailVerified event) {
        update("email_verified = true", event.userId(), event.verifiedAt());
    }

    @EventHandler
    void on(UserLoggedIn event) {
        jdbc.sql("UPDATE users SET last_login = ? WHERE id = ?").params(time(event.loggedInAt()), event.userId()).update();
        jdbc.sql("""
                        INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at, created_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(event.sessionId(), event.userId(), event.refreshTokenHash(), time(event.expiresAt()),
                        time(event.loggedInAt()))
                .update();
    }

    @EventHandler
    void on(SessionRefreshed event) {
        jdbc.sql("UPDATE refresh_tokens SET token_hash = ?, expires_at = ? WHERE id = ?")
                .params(event.refreshTokenHash(), time(event.expiresAt()), event.sessionId()).update();
    }

    @EventHandler
    void on(SessionRevoked event) {
        jdbc.sql("DELETE FROM refresh_tokens WHERE id = ?").param(event.sessionId()).update();
        jdbc.sql("""
                        INSERT INTO revoked_sessions (session_id, user_id, reason, revoked_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING""")
                .params(event.sessionId(), event.userId(), event.reason(), time(event.revokedAt())).update();
    }

    @EventHandler
    void on(PasswordChanged event) {
        update(null, event.userId(), event.changedAt());
    }

    @EventHandler
    void on(PasswordReset event) {
        update(null, event.userId(), event.resetAt());
    }

    @EventHandler
    void on(ProfileUpdated event) {
        jdbc.sql("UPDATE users SET full_name = ?, updated_at = ? WHERE id = ?")
                .params(event.fullName(), time(event.updatedAt()), event.userId()).update();
    }

    @EventHandler
    void on(RoleChanged event) {
        jdbc.sql("UPDATE users SET role = ?, updated_at = ? WHERE id = ?")
                .params(event.newRole(), time(event.changedAt()), event.userId()).update();
    }

    @EventHandler
    void on(UserDeactivated event) {
        update("is_active = false", event.userId(), event.deactivatedAt());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE revoked_sessions, refresh_tokens, users CASCADE").update();
    }

    private void update(String assignment, UUID userId, Instant at) {
        String set = assignment == null ? "updated_at = ?" : assignment + ", updated_at = ?";
        jdbc.sql("UPDATE users SET " + set + " WHERE id = ?").params(time(at), userId).update();
    }

    private static Timestamp time(Instant instant) {
        return Timestamp.from(instant);
    }
}
