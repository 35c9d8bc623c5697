package com.dinsight.app.deadletter;

import com.dinsight.blob.BlobStore.CorruptBlobException;
import com.dinsight.blob.BlobStore.MissingBlobException;
import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Whether a projection's failure is the event's own fault (poison: park its sequence) or the
 * surroundings' (transient: retry the batch, as without a dead-letter queue). The cause chain is
 * walked from the outside in; the first element that says something decides. Nothing recognised
 * means poison: the handler failed on this event while the database and the blob store answered.
 */
enum FailureKind {
    POISON,
    TRANSIENT;

    static FailureKind of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            FailureKind kind = classify(t);
            if (kind != null) {
                return kind;
            }
        }
        return POISON;
    }

    private static FailureKind classify(Throwable t) {
        if (!(t instanceof Exception)) {
            return TRANSIENT; // OutOfMemoryError and the like say nothing about the event
        }
        if (t instanceof MissingBlobException || t instanceof CorruptBlobException || t instanceof JacksonException) {
            return POISON;
        }
        if (t instanceof SQLException sql) {
            return ofSqlState(sql);
        }
        if (t instanceof DataIntegrityViolationException) {
            return null; // the SQL state below decides (23xxx: poison)
        }
        if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                || t instanceof DataAccessResourceFailureException || t instanceof TransactionException) {
            return TRANSIENT;
        }
        if (t instanceof IOException) {
            return TRANSIENT; // the blob directory or the network, not the event
        }
        return null;
    }

    /**
     * Class 22 (data exception: a value out of range, a bad cast) and 23 (integrity constraint: a
     * duplicate, a missing referenced row) come from the event's data. Every other class is the
     * database's state: 08 connection, 25 aborted transaction, 40 serialization or deadlock, 42 a
     * schema the code does not match (parking every event for that would empty the read model),
     * 53 resources, 55 lock not available, 57 cancelled or shutting down, 58 and XX system errors.
     */
    private static FailureKind ofSqlState(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                || sql instanceof SQLNonTransientConnectionException) {
            return TRANSIENT;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return null;
        }
        return state.startsWith("22") || state.startsWith("23") ? POISON : TRANSIENT;
    }
}
