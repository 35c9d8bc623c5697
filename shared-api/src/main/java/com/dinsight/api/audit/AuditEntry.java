package com.dinsight.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit_logs row: who (user, address, agent) caused which event on which resource, with its masked payload. */
public record AuditEntry(UUID id, UUID userId, String action, String resourceType, UUID resourceId,
                         Map<String, Object> changes, String ipAddress, String userAgent, Instant createdAt) {
}
