package com.dinsight.query.identity;

import com.dinsight.api.identity.FetchSessions;
import com.dinsight.api.identity.FetchUser;
import com.dinsight.api.identity.FetchUsers;
import com.dinsight.api.identity.SessionList;
import com.dinsight.api.identity.SessionView;
import com.dinsight.api.identity.UserPage;
import com.dinsight.api.identity.UserView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class UserQueryHandler {

    private static final String USER_COLUMNS =
            "id, email, full_name, role, is_active, email_verified, last_login, created_at, updated_at";

    private final JdbcClient jdbc;

    UserQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<UserView> handle(FetchUser query) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM users WHERE id = ?").param(query.userId())
                .query(UserQueryHandler::user).optional();
    }

    @QueryHandler
    UserPage handle(FetchUsers query) {
        long total = jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
        var items = jdbc.sql("SELECT " + USER_COLUMNS + " FROM users ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(query.size(), (long) query.page() * query.size())
                .query(UserQueryHandler::user).list();
        return new UserPage(items, query.page(), query.size(), total);
    }

    @QueryHandler
    SessionList handle(FetchSessions query) {
        return new SessionList(jdbc.sql("""
                        SELECT id, created_at, expires_at FROM refresh_tokens
                        WHERE user_id = ? AND expires_at > now() ORDER BY created_at DESC""")
                .param(query.userId())
                .query((rs, n) -> new SessionView(rs.getObject(1, UUID.class), instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3))))
                .list());
    }

    private static UserView user(ResultSet rs, int row) throws SQLException {
        return new UserView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
                rs.getString("role"), rs.getBoolean("is_active"), rs.getBoolean("email_verified"),
                instant(rs.getTimestamp("last_login")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
