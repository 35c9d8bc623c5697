package com.dinsight.query.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a batch of audit rows with one statement: each column travels as one array parameter and
 * {@code unnest} turns them back into rows. One round trip and one plan per batch, on the current
 * transaction's connection (the processor's, so the rows commit with its token). A batch handled
 * twice after a segment moved writes nothing the second time.
 */
@Component
class AuditRowWriter {

    private static final String INSERT = """
            INSERT INTO audit_logs (id, user_id, action, resource_type, resource_id, changes, ip_address, user_agent,
                                    created_at)
            SELECT id, user_id, action, resource_type, resource_id, changes::jsonb, ip_address::inet, user_agent,
                   created_at::timestamptz
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS t(id, user_id, action, resource_type, resource_id, changes, ip_address, user_agent, created_at)
            ON CONFLICT (id) DO NOTHING""";

    private final JdbcTemplate jdbc;

    AuditRowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] users = new UUID[n];
        String[] actions = new String[n];
        String[] types = new String[n];
        UUID[] resources = new UUID[n];
        String[] changes = new String[n];
        String[] ips = new String[n];
        String[] agents = new String[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            AuditRow row = rows.get(i);
            ids[i] = row.id();
            users[i] = row.userId();
            actions[i] = row.action();
            types[i] = row.resourceType();
            resources[i] = row.resourceId();
            changes[i] = row.changes();
            ips[i] = row.ipAddress();
            agents[i] = row.userAgent();
            times[i] = row.createdAt().toString();
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            statement.setArray(1, array(connection, "uuid", ids));
            statement.setArray(2, array(connection, "uuid", users));
            statement.setArray(3, array(connection, "text", actions));
            statement.setArray(4, array(connection, "text", types));
            statement.setArray(5, array(connection, "uuid", resources));
            statement.setArray(6, array(connection, "text", changes));
            statement.setArray(7, array(connection, "text", ips));
            statement.setArray(8, array(connection, "text", agents));
            statement.setArray(9, array(connection, "text", times));
            return statement;
        });
    }

    private static Array array(Connection connection, String type, Object[] values) throws java.sql.SQLException {
        return connection.createArrayOf(type, values);
    }
}
