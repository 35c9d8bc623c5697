package com.dinsight.api.dataset;

import com.dinsight.api.Caller;
import java.util.UUID;

/** One dataset, if the caller may see it. */
public record FetchDataset(Caller caller, UUID datasetId) {
}
