package com.dinsight.command.alert;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An open alert's stream grows with every monitoring batch that matches its rule (one AlertUpdated
 * each): snapshot it every N events ({@code dinsight.snapshots.alert-threshold}), so loading it
 * stays cheap however long it stays open.
 */
@Configuration(proxyBeanMethods = false)
class AlertAggregateConfiguration {

    @Bean
    SnapshotTriggerDefinition alertSnapshots(Snapshotter snapshotter,
            @Value("${dinsight.snapshots.alert-threshold:100}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("dinsight.snapshots.alert-threshold must be at least 1, not " + threshold);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
