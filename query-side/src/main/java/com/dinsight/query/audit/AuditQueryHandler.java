package com.dinsight.query.audit;

import com.dinsight.api.audit.AuditEntry;
import com.dinsight.api.audit.AuditPage;
import com.dinsight.api.audit.FetchAuditLog;
import com.dinsight.query.security.CallerScope;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads audit_logs through {@link CallerScope}: the table's row-level security policy (V18) shows
 * a user only the rows they caused, admins all. The condition is repeated in the query for users so
 * the planner uses the user index.
 */
@Component
class AuditQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, user_id, action, resource_type, resource_id, changes::text AS changes, "
            + "host(ip_address) AS ip_address, user_agent, created_at";

    private final CallerScope scope;

    AuditQueryHandler(CallerScope scope) {
        this.scope = scope;
    }

    @QueryHandler
    AuditPage handle(FetchAuditLog query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!query.caller().isAdmin()) {
            conditions.add("user_id = :caller");
            params.put("caller", query.caller().userId());
        }
        filter(conditions, params, "user_id = :user", "user", query.userId());
        filter(conditions, params, "action = :action", "action", query.action());
        filter(conditions, params, "resource_type = :type", "type", query.resourceType());
        filter(conditions, params, "resource_id = :resource", "resource", query.resourceId());
        filter(conditions, params, "created_at >= :from", "from", query.from() == null ? null : Timestamp.from(query.from()));
        filter(conditions, params, "created_at <= :to", "to", query.to() == null ? null : Timestamp.from(query.to()));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return scope.read(query.caller(), jdbc -> {
            long total = jdbc.sql("SELECT count(*) FROM audit_logs" + where).params(params).query(Long.class).single();
            List<AuditEntry> items = jdbc.sql("SELECT " + COLUMNS + " FROM audit_logs" + where
                            + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                    .params(params).param("limit", query.size()).param("offset", (long) query.page() * query.size())
                    .query(AuditQueryHandler::entry).list();
            return new AuditPage(items, query.page(), query.size(), total);
        });
    }

    private static void filter(List<String> conditions, Map<String, Object> params, String condition, String name,
                               Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("action"),
                rs.getString("resource_type"), rs.getObject("resource_id", UUID.class), map(rs.getString("changes")),
                rs.getString("ip_address"), rs.getString("user_agent"), created == null ? null : created.toInstant());
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? null : JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
