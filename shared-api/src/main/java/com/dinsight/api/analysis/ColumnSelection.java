package com.dinsight.api.analysis;

/** Which CSV columns are metadata (first through endMeta) and features (startDim..endDim). */
public record ColumnSelection(String endMeta, String startDim, String endDim) {
}
