package com.dinsight.api.analysis;

import com.dinsight.api.Caller;
import java.util.UUID;

/** Rows start (inclusive) to end (exclusive; null = to the last row) of an upload's feature table. */
public record FetchFeatures(Caller caller, UUID fileUploadId, int start, Integer end) {
}
