package com.dinsight.app.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run by the application itself, so a new user needs nothing but a JDK.
 * Its data directory persists across restarts; {@link #close()} stops the server cleanly.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "dinsight";
    static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean statementStats,
                                               Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100")
                    // the library is made for tests and starts PostgreSQL with fsync and synchronous
                    // commit off; here it holds the user's data, so a commit must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // backends hand written data pages to the kernel's writeback every 256 kB; left
                    // to the kernel, a gigabyte of dirty pages built up under monitoring load and its
                    // flush held every commit's WAL fsync for up to 300 ms (decision 45)
                    .setServerConfig("backend_flush_after", "256kB");
            if (port > 0) {
                builder.setPort(port);
            }
            if (statementStats) {
                // per-statement time, calls and WAL (docs/operations.md); CREATE EXTENSION makes the view
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start(), dataDirectory);
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (is another DInsight process using this data directory?)", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                    log.info("Created database '{}' in the embedded PostgreSQL", DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping the embedded PostgreSQL");
        postgres.close();
    }
}
