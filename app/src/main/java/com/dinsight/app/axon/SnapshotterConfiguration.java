package com.dinsight.app.axon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's default snapshotter builds a snapshot in the thread of the command that triggered it,
 * after the commit but while the command still holds its aggregate: re-reading the events since
 * the last snapshot made every hundredth monitoring post wait for a hundred events to be
 * deserialised. Here snapshots are built on a thread of their own (one per node; Axon skips a
 * snapshot already scheduled for the same aggregate). A snapshot lost at shutdown costs nothing:
 * the aggregate loads from the previous one plus its events.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class SnapshotterConfiguration implements DisposableBean {

    /** Not a bean: an Executor bean would replace Spring Boot's application task executor. */
    private final ExecutorService snapshotExecutor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "axon-snapshotter");
        thread.setDaemon(true);
        return thread;
    });

    @Bean
    Snapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                     ParameterResolverFactory parameterResolverFactory, EventStore eventStore,
                                     TransactionManager transactionManager, SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Override
    public void destroy() {
        snapshotExecutor.shutdown();
    }
}
