package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes a dataset's description fields; a null field keeps its value. Owner or admin only. */
public record UpdateDataset(@TargetAggregateIdentifier UUID datasetId, Caller caller, String name, String description,
                            List<String> tags, Map<String, Object> metadata) {
}
