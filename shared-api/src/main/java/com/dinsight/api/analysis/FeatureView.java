package com.dinsight.api.analysis;

import java.util.List;
import java.util.Map;

/** GET /feature/{id}[/range]: rows start (inclusive) to end (exclusive) of an upload's table. */
public record FeatureView(List<String> featureNames, List<double[]> featureValues, List<Map<String, String>> metadata,
                          int totalRows, int start, int end) {
}
