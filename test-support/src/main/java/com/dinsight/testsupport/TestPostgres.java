package com.dinsight.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one place tests get PostgreSQL from. One server per test JVM, chosen in this order:
 * <ol>
 *   <li>{@code DINSIGHT_TEST_JDBC_URL} (with {@code DINSIGHT_TEST_JDBC_USER} and
 *       {@code DINSIGHT_TEST_JDBC_PASSWORD}): an existing server whose user may create databases;</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 17 (zonky), the case on machines without Docker.</li>
 * </ol>
 * Each {@link #freshDatabase(String)} call creates a new, empty database on that server.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger databases = new AtomicInteger();
    private static Server server;

    private TestPostgres() {
    }

    public static synchronized TestDatabase freshDatabase(String hint) {
        Server current = server();
        String name = "t" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid() + "_"
                + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        name = name.substring(0, Math.min(name.length(), 63));
        try (Connection connection = DriverManager.getConnection(current.adminUrl(), current.user(), current.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(current.urlFor(name), current.user(), current.password());
    }

    /** Which kind of server this JVM's tests use, for the test log. */
    public static synchronized String description() {
        return server().description();
    }

    private static Server server() {
        if (server == null) {
            server = startServer();
            log.info("Tests use {}", server.description());
        }
        return server;
    }

    private static Server startServer() {
        String url = System.getenv("DINSIGHT_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return Server.external(url, System.getenv("DINSIGHT_TEST_JDBC_USER"), System.getenv("DINSIGHT_TEST_JDBC_PASSWORD"));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return Server.external(container.getJdbcUrl(), container.getUsername(), container.getPassword())
                    .describedAs("PostgreSQL in a Testcontainers container");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return Server.external(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "")
                    .describedAs("embedded PostgreSQL 17 on port " + embedded.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded test PostgreSQL", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A server reachable through an admin JDBC URL; databases are siblings on the same host. */
    private record Server(String adminUrl, String user, String password, String description) {

        static Server external(String url, String user, String password) {
            return new Server(url, user, password, "the PostgreSQL at " + url.replaceAll("\\?.*", ""));
        }

        Server describedAs(String text) {
            return new Server(adminUrl, user, password, text);
        }

        String urlFor(String database) {
            // jdbc:postgresql://host:port/db?params -> same host and params, other database
            int start = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', start);
            String params = query < 0 ? "" : adminUrl.substring(query);
            return adminUrl.substring(0, start + 1) + database + params;
        }
    }
}
