package com.dinsight.query.audit;

import com.dinsight.query.BatchedWrites;
import java.util.ArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One audit_logs row per event of every aggregate. Rows of a processor batch are collected and
 * written together just before the batch's transaction commits (with the token), which is what
 * makes a replay of millions of events fast (docs/audit.md has the figures).
 *
 * <p>A plain {@link EventMessageHandler} rather than an {@code @EventHandler} method (registered by
 * {@link AuditProcessing}): it takes every event anyway, and Axon wraps annotated handlers in a
 * per-event time limit that formats a task name, takes a stack trace and schedules a timer per
 * event, which cost more than the handler itself. The batch's unit of work keeps its time limit.
 */
@Component
@ProcessingGroup(AuditLog.PROCESSING_GROUP)
class AuditProjection implements EventMessageHandler {

    private static final String PENDING_ROWS = AuditProjection.class.getName() + ".rows";

    private final AuditRowWriter writer;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    AuditProjection(AuditRowWriter writer, JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.writer = writer;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @Override
    public Object handle(EventMessage<?> message) {
        AuditRow row = AuditRow.of(message, serializer);
        BatchedWrites.collect(PENDING_ROWS, ArrayList<AuditRow>::new, rows -> rows.add(row), writer::write);
        return null;
    }

    /** A reset (replay) empties audit_logs and nothing else. */
    @Override
    public void prepareReset() {
        jdbc.sql("TRUNCATE audit_logs").update();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        prepareReset();
    }

    @Override
    public boolean supportsReset() {
        return true;
    }
}
