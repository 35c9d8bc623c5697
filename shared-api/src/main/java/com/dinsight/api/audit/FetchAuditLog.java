package com.dinsight.api.audit;

import com.dinsight.api.Caller;
import java.time.Instant;
import java.util.UUID;

/** A page of audit_logs rows, newest first; null filters do not filter. Users see only their own rows. */
public record FetchAuditLog(Caller caller, UUID userId, String action, String resourceType, UUID resourceId,
                            Instant from, Instant to, int page, int size) {
}
