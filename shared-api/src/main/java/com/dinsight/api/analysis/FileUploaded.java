package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Files were uploaded; the bytes are in the blob store under each file's SHA-256 (claim check). */
@Revision("1")
public record FileUploaded(UUID fileUploadId, UUID ownerId, UUID datasetId, List<StoredFile> files, long totalSize,
                           Instant uploadedAt) {
}
