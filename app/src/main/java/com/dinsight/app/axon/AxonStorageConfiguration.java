package com.dinsight.app.axon;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Axon's JDBC components at the tables Flyway made in schema {@code axon}
 * (V1__axon_infrastructure.sql). Axon never creates tables itself here. With Axon Server
 * enabled the event store lives there instead; tokens, sagas and dead letters stay in PostgreSQL
 * next to the projections they belong to.
 */
@Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    static final String SCHEMA = "axon";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Duration RELEASE_PERIOD = Duration.ofMillis(100);

    /**
     * PostgreSQL reports a duplicate key as SQL state 23505, not as the JDBC exception type Axon's
     * default resolver looks for; without this, two nodes creating one aggregate would see a
     * generic store failure instead of "already exists".
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /**
     * Axon's JDBC event storage engine as its auto-configuration builds it, except for the number of
     * events one read of the stream fetches (Axon's default 100). Each fetch is a transaction and a
     * few round trips on the one coordinator thread of a processor, which bounded a replay of the
     * audit log to a few thousand events per second on a loaded machine (docs/audit.md). The memory
     * a fetch may hold is this many times the largest event (monitoring batches stay below 1 MB).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          @Value("${dinsight.event-store.fetch-size:500}") int fetchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(fetchSize)
                .build();
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, except for the number of
     * recent events it keeps in memory for the processors that tail it (Axon's default 10,000). A
     * small post's event is about 25 KB once a processor has read it, and at 900 posts a second
     * 10,000 events stayed about 11 s: long enough to be copied by every young collection until
     * promoted, then collected from the old generation (decision 43). Processors that fall further
     * behind read from the database instead. The events that leave the cache are let go of at once
     * ({@link ReleasingEventStore}, decision 49).
     */
    @Bean(name = "eventBus")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${dinsight.event-store.cached-events:1000}") int cachedEvents) {
        return new ReleasingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents), RELEASE_PERIOD);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(SCHEMA + ".domain_event_entry")
                .snapshotTable(SCHEMA + ".snapshot_event_entry")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder().setTokenTable(SCHEMA + ".token_entry").build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(new SagaSchema(SCHEMA + ".saga_entry", SCHEMA + ".association_value_entry"));
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder().deadLetterTable(SCHEMA + ".dead_letter_entry").build();
    }
}
