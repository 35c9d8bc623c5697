package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The upload's files parse as one table with this column selection; readers parse the same blobs
 * with the same selection to get the same rows.
 */
@Revision("1")
public record FileParsed(UUID fileUploadId, ColumnSelection columns, int rows, int features, Instant parsedAt) {
}
