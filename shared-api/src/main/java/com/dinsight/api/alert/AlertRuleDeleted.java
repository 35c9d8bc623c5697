package com.dinsight.api.alert;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AlertRuleDeleted(UUID ruleId, UUID datasetId, Instant deletedAt) {
}
