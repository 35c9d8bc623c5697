package com.dinsight.query.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resources (aggregates) whose history can be asked for, by their audit resource_type, with
 * the field of their first event that names their owner: a plain user may read the history of a
 * resource they own. Ownership is read from the event store itself, so the history answers even
 * when read-model rows are gone. The configuration is everyone's and no one's: admins only.
 * AuditResourcesTest checks that every aggregate of the command side is listed.
 */
public enum AuditResource {

    USER("User", "userId"),
    PROCESSING_CONFIGURATION("ProcessingConfiguration", null),
    DATASET("Dataset", "ownerId"),
    FILE_UPLOAD("FileUpload", "ownerId"),
    ANALYSIS("Analysis", "requestedBy"),
    MONITORED_BASELINE("MonitoredBaseline", "ownerId"),
    ALERT_RULE("AlertRule", "ownerId"),
    ALERT("Alert", "ownerId");

    private final String aggregateType;
    private final String ownerField;

    AuditResource(String aggregateType, String ownerField) {
        this.aggregateType = aggregateType;
        this.ownerField = ownerField;
    }

    /** As in audit_logs.resource_type: "monitored_baseline". */
    public String resourceType() {
        return AuditRow.resourceType(aggregateType);
    }

    public String aggregateType() {
        return aggregateType;
    }

    /** The property of the first event that holds the owner's user id; empty: admins only. */
    public Optional<String> ownerField() {
        return Optional.ofNullable(ownerField);
    }

    /** Whether the resource's ids are UUIDs (all but the one configuration, whose id is a name). */
    public boolean hasUuidIds() {
        return this != PROCESSING_CONFIGURATION;
    }

    public static Optional<AuditResource> of(String resourceType) {
        return Arrays.stream(values()).filter(r -> r.resourceType().equals(resourceType)).findFirst();
    }

    public static List<String> resourceTypes() {
        return Arrays.stream(values()).map(AuditResource::resourceType).toList();
    }
}
