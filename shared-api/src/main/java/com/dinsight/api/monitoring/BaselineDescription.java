package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.util.UUID;

public record BaselineDescription(UUID dinsightId, UUID analysisId, UUID datasetId, UUID ownerId, StoredFile result,
                                  int pointsRecorded) {
}
