package com.dinsight.app.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: an external PostgreSQL when {@code DINSIGHT_DB_URL} is set, otherwise the
 * embedded server. The DataSource depends on the server bean, so Spring closes the pool first
 * and stops the server after it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties,
                                                  @Value("${dinsight.data-dir}") String dataDir) {
        return EmbeddedPostgresServer.start(
                Path.of(dataDir, "postgres").toAbsolutePath().normalize(),
                properties.embeddedPort(), properties.embeddedStatementStats(),
                properties.embeddedServerSettings());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("dinsight");
        dataSource.setMaximumPoolSize(properties.poolSize());
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            dataSource.setJdbcUrl(server.jdbcUrl());
            dataSource.setUsername(EmbeddedPostgresServer.USER);
        } else {
            dataSource.setJdbcUrl(properties.url());
            dataSource.setUsername(properties.user());
            dataSource.setPassword(properties.password());
        }
        return dataSource;
    }
}
