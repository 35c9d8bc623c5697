package com.dinsight.api.analysis;

import java.util.List;
import java.util.UUID;

public record UploadDescription(UUID fileUploadId, UUID datasetId, UUID ownerId, List<StoredFile> files,
                                boolean rejected) {
}
