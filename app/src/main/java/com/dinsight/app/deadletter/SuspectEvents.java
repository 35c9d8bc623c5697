package com.dinsight.app.deadletter;

import com.dinsight.query.BatchedWrites;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Events whose handling failed once with a poison failure. When the retried batch reaches such an
 * event it is handled inside a savepoint, so that parking it can undo exactly what its handlers
 * wrote (and clear a transaction PostgreSQL aborted on a constraint violation) while the rest of
 * the batch commits. Its handlers write at once, inside the savepoint ({@link BatchedWrites#atOnce}).
 * Other events run without a savepoint: a savepoint per event would cost a subtransaction each, and
 * more than 64 in one transaction slow every other session's snapshots.
 */
final class SuspectEvents implements MessageHandlerInterceptor<EventMessage<?>> {

    private final DataSource dataSource;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Isolated> isolated = new ThreadLocal<>();

    private record Isolated(String eventId, Connection connection, Savepoint savepoint) {
    }

    SuspectEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void suspect(String eventId) {
        suspects.add(eventId);
    }

    /** Rolls back to the event's savepoint, if it runs in one; answers whether it did. */
    boolean undo(String eventId) {
        Isolated current = isolated.get();
        if (current == null || !current.eventId().equals(eventId)) {
            return false;
        }
        try {
            current.connection().rollback(current.savepoint());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot roll back to the savepoint of event " + eventId, e);
        }
        return true;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        String eventId = unitOfWork.getMessage().getIdentifier();
        if (!suspects.contains(eventId) || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return interceptorChain.proceed();
        }
        // what earlier events of the batch collected is theirs: written before the savepoint, not undone with it
        BatchedWrites.flush();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        isolated.set(new Isolated(eventId, connection, connection.setSavepoint()));
        try {
            Object result = BatchedWrites.atOnce(interceptorChain::proceed);
            suspects.remove(eventId); // handled after all, or parked
            return result;
        } finally {
            isolated.remove();
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
