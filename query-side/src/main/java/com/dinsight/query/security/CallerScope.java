package com.dinsight.query.security;

import com.dinsight.api.Caller;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read path of row-level security: each read runs in its own read-only transaction as the
 * database role {@code dinsight_reader}, which the policies of V11__row_level_security.sql apply
 * to, with the caller's id and role set for that transaction only. Projections do not come here:
 * they write as the tables' owner, which the policies do not restrict.
 */
@Component
public class CallerScope {

    static final String READER_ROLE = "dinsight_reader";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    CallerScope(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
    }

    public <T> T read(Caller caller, Function<JdbcClient, T> query) {
        return transactions.execute(status -> {
            jdbc.sql("SET LOCAL ROLE " + READER_ROLE).update();
            jdbc.sql("SELECT set_config('dinsight.user_id', ?, true), set_config('dinsight.user_role', ?, true)")
                    .params(caller.userId().toString(), caller.role()).query().singleRow();
            return query.apply(jdbc);
        });
    }
}
