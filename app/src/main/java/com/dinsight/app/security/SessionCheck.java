package com.dinsight.app.security;

import com.dinsight.api.Caller;
import com.dinsight.command.identity.token.AccessTokens;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified access token into a {@link Caller}, checking the read model: a revoked session
 * or a deactivated user is refused, and the role is the user's current one, not the one the token
 * was issued with (one statement, one round trip). What the read model said about a session is
 * kept for {@code ttl} (decision 47): a client streaming rows makes hundreds of requests a second
 * with one token, and asking each time was a statement per request. A user the read model does not
 * know yet (it follows the event store by milliseconds) keeps the token's role; a known user whose
 * {@code is_active} is null counts as deactivated.
 */
class SessionCheck implements Converter<Jwt, AbstractAuthenticationToken> {

    /** The session's revocation and the user's state in one round trip; known is false for an unknown user. */
    private static final String SESSION_AND_USER = """
            SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE session_id = :session) AS revoked,
                   u.id IS NOT NULL AS known, u.role, u.is_active
            FROM (SELECT 1) AS one LEFT JOIN users u ON u.id = :user""";

    private record SessionKey(UUID sessionId, UUID userId) {
    }

    private record SessionState(boolean revoked, boolean knownUser, String role, boolean active) {
    }

    private final JdbcClient jdbc;
    private final LoadingCache<SessionKey, SessionState> states;

    SessionCheck(JdbcClient jdbc, Duration ttl) {
        this(jdbc, ttl, Ticker.systemTicker());
    }

    SessionCheck(JdbcClient jdbc, Duration ttl, Ticker ticker) {
        this.jdbc = jdbc;
        this.states = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).ticker(ticker).build(this::read);
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UUID userId = uuid(jwt.getSubject());
        UUID sessionId = uuid(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM));
        SessionState state = states.get(new SessionKey(sessionId, userId));
        if (state.revoked()) {
            throw new InvalidBearerTokenException("The session of this token has ended");
        }
        if (state.knownUser() && !state.active()) {
            throw new InvalidBearerTokenException("This user is deactivated");
        }
        String role = state.knownUser() ? state.role() : jwt.getClaimAsString(AccessTokens.ROLE_CLAIM);
        return new CallerAuthentication(new Caller(userId, role), jwt);
    }

    private SessionState read(SessionKey key) {
        return jdbc.sql(SESSION_AND_USER).param("session", key.sessionId()).param("user", key.userId())
                .query((rs, n) -> new SessionState(rs.getBoolean("revoked"), rs.getBoolean("known"),
                        rs.getString("role"), rs.getBoolean("is_active")))
                .single();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("The token does not name a user and session");
        }
    }
}
