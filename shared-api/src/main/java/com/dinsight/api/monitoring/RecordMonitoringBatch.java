package com.dinsight.api.monitoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Several posts to one baseline recorded in one unit of work (group commit, decision 34): the
 * baseline numbers them in the order given. Each post keeps its own caller, and its events carry
 * its own request's metadata (user, address, user agent), not that of the batch.
 */
public record RecordMonitoringBatch(@TargetAggregateIdentifier UUID dinsightId, List<Post> posts) {

    public record Post(RecordMonitoring command, Map<String, String> metadata) {
    }
}
