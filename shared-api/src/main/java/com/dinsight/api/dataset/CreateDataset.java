package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a dataset owned by the caller. */
public record CreateDataset(@TargetAggregateIdentifier UUID datasetId, Caller owner, String name, String description,
                            List<String> tags, Map<String, Object> metadata) {
}
