package com.dinsight.app.security;

import com.dinsight.api.Caller;
import com.dinsight.command.identity.token.AccessTokens;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified access token into a {@link Caller}, checking the read model on every request:
 * a revoked session or a deactivated user is refused at once, and the role is the user's current
 * one, not the one the token was issued with. A user the read model does not know yet (it follows
 * the event store by milliseconds) keeps the token's role.
 */
class SessionCheck implements Converter<Jwt, AbstractAuthenticationToken> {

    private record UserState(String role, boolean active) {
    }

    private final JdbcClient jdbc;

    SessionCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UUID userId = uuid(jwt.getSubject());
        UUID sessionId = uuid(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM));
        boolean revoked = jdbc.sql("SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = ?)")
                .param(sessionId).query(Boolean.class).single();
        if (revoked) {
            throw new InvalidBearerTokenException("The session of this token has ended");
        }
        Optional<UserState> user = jdbc.sql("SELECT role, is_active FROM users WHERE id = ?").param(userId)
                .query((rs, n) -> new UserState(rs.getString(1), rs.getBoolean(2))).optional();
        if (user.isPresent() && !user.get().active()) {
            throw new InvalidBearerTokenException("This user is deactivated");
        }
        String role = user.map(UserState::role).orElse(jwt.getClaimAsString(AccessTokens.ROLE_CLAIM));
        return new CallerAuthentication(new Caller(userId, role), jwt);
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("The token does not name a user and session");
        }
    }
}
