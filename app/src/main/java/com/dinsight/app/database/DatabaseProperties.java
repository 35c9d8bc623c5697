package com.dinsight.app.database;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. With no {@code url} the application starts an embedded PostgreSQL
 * whose files live under {@code $DINSIGHT_DATA_DIR/postgres}.
 *
 * @param url          JDBC URL of an existing PostgreSQL ({@code DINSIGHT_DB_URL}); blank for embedded
 * @param user         its user ({@code DINSIGHT_DB_USER})
 * @param password     its password ({@code DINSIGHT_DB_PASSWORD})
 * @param embeddedPort port of the embedded server; 0 picks a free one
 * @param poolSize     connections in the pool
 * @param embeddedStatementStats whether the embedded server loads {@code pg_stat_statements}
 *                     ({@code DINSIGHT_EMBEDDED_DB_STATEMENT_STATS}); a diagnostic, off by default
 * @param embeddedSettings server settings of the embedded PostgreSQL that replace or add to the
 *                     application's ({@code DINSIGHT_EMBEDDED_DB_SETTINGS}): {@code name=value}
 *                     pairs separated by commas, for example {@code shared_buffers=512MB,work_mem=16MB}
 */
@ConfigurationProperties("dinsight.db")
public record DatabaseProperties(
        String url, String user, String password, int embeddedPort, int poolSize, boolean embeddedStatementStats,
        String embeddedSettings) {

    public DatabaseProperties {
        poolSize = poolSize <= 0 ? 10 : poolSize;
    }

    /** {@link #embeddedSettings()} as names and values, in the order given. */
    public Map<String, String> embeddedServerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (embeddedSettings == null || embeddedSettings.isBlank()) {
            return settings;
        }
        for (String pair : embeddedSettings.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank() || pair.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException("DINSIGHT_EMBEDDED_DB_SETTINGS: '" + pair.strip()
                        + "' is not a name=value pair (expected for example shared_buffers=512MB,work_mem=16MB)");
            }
            settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return settings;
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
