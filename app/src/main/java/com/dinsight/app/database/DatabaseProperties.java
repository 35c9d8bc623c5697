package com.dinsight.app.database;

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
 */
@ConfigurationProperties("dinsight.db")
public record DatabaseProperties(
        String url, String user, String password, int embeddedPort, int poolSize, boolean embeddedStatementStats) {

    public DatabaseProperties {
        poolSize = poolSize <= 0 ? 10 : poolSize;
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
