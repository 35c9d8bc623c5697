package com.dinsight.command.monitoring;

import com.dinsight.command.caching.AggregateCache;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A baseline's stream grows with every post: snapshot it every N events
 * ({@code dinsight.snapshots.monitored-baseline-threshold}) and keep it cached.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringAggregateConfiguration {

    @Bean
    SnapshotTriggerDefinition monitoredBaselineSnapshots(Snapshotter snapshotter,
            @Value("${dinsight.snapshots.monitored-baseline-threshold:100}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException(
                    "dinsight.snapshots.monitored-baseline-threshold must be at least 1, not " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
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
