package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A row of file_uploads. */
public record FileUploadView(UUID id, String originalFilename, long fileSize, String filePath, String status,
                             String errorMessage, List<Map<String, Object>> mergedFiles, Instant createdAt,
                             Instant updatedAt) {
}
