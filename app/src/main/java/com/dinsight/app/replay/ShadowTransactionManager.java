package com.dinsight.app.replay;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shadow processor's transactions: the application's, with the shadow schema first on the
 * search path for that transaction only ({@code SET LOCAL}), so the projections' unqualified table
 * names (and the trigger functions they fire) reach the shadow tables, and every other table
 * ({@code axon.*} is qualified) stays where it is.
 */
record ShadowTransactionManager(TransactionManager delegate, JdbcTemplate jdbc, String schema)
        implements TransactionManager {

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL search_path TO " + schema + ", public");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
