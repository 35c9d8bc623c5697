package com.dinsight.command.alert;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An open alert's stream grows with every monitoring batch that matches its rule (one AlertUpdated
 * each): snapshot it every N events, so loading it stays cheap however long it stays open.
 */
@Configuration(proxyBeanMethods = false)
class AlertAggregateConfiguration {

    @Bean
    SnapshotTriggerDefinition alertSnapshots(Snapshotter snapshotter,
            @Value("${dinsight.alerts.snapshot-every:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
