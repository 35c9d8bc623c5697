package com.dinsight.api.analysis;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FileRejected(UUID fileUploadId, String reason, Instant rejectedAt) {
}
