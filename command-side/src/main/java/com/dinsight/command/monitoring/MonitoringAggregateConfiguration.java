package com.dinsight.command.monitoring;

import com.dinsight.command.caching.AggregateCache;
import com.dinsight.command.caching.CachedAggregateSnapshotter;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A baseline's stream grows with every post: snapshot it every N events
 * ({@code dinsight.snapshots.monitored-baseline-threshold}), from its cached state (decision 43),
 * and keep it cached.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringAggregateConfiguration implements DisposableBean {

    /** Not a bean: an Executor bean would replace Spring Boot's application task executor. */
    private final ExecutorService snapshotStores = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "baseline-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    @Bean
    SnapshotTriggerDefinition monitoredBaselineSnapshots(Snapshotter snapshotter,
            @Qualifier("monitoredBaselineCache") Cache cache, EventStore eventStore, TransactionManager transactions,
            ParameterResolverFactory parameterResolvers, HandlerDefinition handlerDefinition,
            @Value("${dinsight.snapshots.monitored-baseline-threshold:100}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException(
                    "dinsight.snapshots.monitored-baseline-threshold must be at least 1, not " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(new CachedAggregateSnapshotter<>(
                AnnotatedAggregateMetaModelFactory.inspectAggregate(MonitoredBaseline.class, parameterResolvers,
                        handlerDefinition),
                MonitoredBaseline::copy, cache, eventStore, transactions, snapshotter, snapshotStores), threshold);
    }

    @Override
    public void destroy() {
        snapshotStores.shutdown();
    }

    /** Every monitoring post goes through its baseline: keep the busy ones in memory (decision 38). */
    @Bean
    Cache monitoredBaselineCache(@Value("${dinsight.aggregate-cache.maximum-size:10000}") long maximumSize) {
        return new AggregateCache(maximumSize, Duration.ofMinutes(30));
    }

    @Bean
    Cache datasetCache(@Value("${dinsight.aggregate-cache.maximum-size:10000}") long maximumSize) {
        return new AggregateCache(maximumSize, Duration.ofMinutes(30));
    }
}
