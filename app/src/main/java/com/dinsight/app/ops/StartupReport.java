package com.dinsight.app.ops;

import com.dinsight.app.database.DatabaseProperties;
import com.dinsight.app.database.EmbeddedPostgresServer;
import com.dinsight.app.roles.Role;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start which event store, which database and which roles this process runs. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final DatabaseProperties database;
    private final ObjectProvider<EmbeddedPostgresServer> embedded;
    private final ObjectProvider<EventStore> eventStore;
    private final ObjectProvider<EventStorageEngine> storageEngine;

    StartupReport(Environment environment, DatabaseProperties database, ObjectProvider<EmbeddedPostgresServer> embedded,
                  ObjectProvider<EventStore> eventStore, ObjectProvider<EventStorageEngine> storageEngine) {
        this.environment = environment;
        this.database = database;
        this.embedded = embedded;
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("DInsight ready: roles [{}]; event store: {}; database: {}",
                Role.parse(environment.getProperty(Role.PROPERTY)).stream().map(Role::label)
                        .collect(Collectors.joining(", ")),
                describeEventStore(), describeDatabase());
    }

    String describeEventStore() {
        if (environment.getProperty("axon.axonserver.enabled", Boolean.class, false)) {
            return "Axon Server at " + environment.getProperty("axon.axonserver.servers", "localhost:8124");
        }
        EventStorageEngine engine = storageEngine.getIfAvailable();
        String type = engine == null ? String.valueOf(eventStore.getIfAvailable()) : engine.getClass().getSimpleName();
        return type + " in PostgreSQL schema 'axon'";
    }

    String describeDatabase() {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            return "embedded PostgreSQL 17 on port " + server.port() + ", data in " + server.dataDirectory();
        }
        return "external PostgreSQL " + withoutPassword(database.url()) + " as user '" + database.user() + "'";
    }

    /** A JDBC URL may carry a password as a parameter; the log never shows it. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
