package com.dinsight.query.audit;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One audit_logs row per event of every aggregate. Rows of a processor batch are collected and
 * written together just before the batch's transaction commits (with the token), which is what
 * makes a replay of millions of events fast (docs/audit.md has the figures).
 */
@Component
@ProcessingGroup(AuditLog.PROCESSING_GROUP)
class AuditProjection {

    private static final String PENDING_ROWS = AuditProjection.class.getName() + ".rows";

    private final AuditRowWriter writer;
    private final JdbcClient jdbc;

    AuditProjection(AuditRowWriter writer, JdbcClient jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        AuditRow row = AuditRow.of(message);
        if (!CurrentUnitOfWork.isStarted()) {
            writer.write(List.of(row));
            return;
        }
        pendingRows(CurrentUnitOfWork.get().root()).add(row);
    }

    private List<AuditRow> pendingRows(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING_ROWS, key -> {
            List<AuditRow> rows = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> writer.write(rows));
            return rows;
        });
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE audit_logs").update();
    }
}
