package com.dinsight.query.audit;

/**
 * The processing group of the audit projection. Not "read-model": audit rows reference nothing
 * and depend on no other row, so this processor may run several segments and large batches, and a
 * replay of the read model leaves the audit log alone (and the other way round).
 */
public final class AuditLog {

    public static final String PROCESSING_GROUP = "audit";

    private AuditLog() {
    }
}
