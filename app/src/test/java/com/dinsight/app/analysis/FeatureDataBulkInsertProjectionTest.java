package com.dinsight.app.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.analysis.AnalysisProjectionTest.Fixture;
import com.dinsight.engine.FeatureTable;
import com.dinsight.query.analysis.FeatureDataWriter;
import com.dinsight.query.analysis.FeatureDataWriter.Method;
import com.dinsight.testsupport.FreshDatabase;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feature_data projection's bulk insert of the shared baseline (219 rows x 1024 values): COPY
 * (text and binary) against JDBC batches. All four ways write identical rows; the medians are printed (and quoted
 * in docs/analysis-read-model.md), not asserted, since this machine's load varies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "dinsight.roles=query")
@FreshDatabase
class FeatureDataBulkInsertProjectionTest {

    private static final int WARM_UP = 5;
    private static final int RUNS = 15;
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Autowired
    FeatureDataWriter writer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private UUID upload() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO file_uploads (id, original_filename, file_size, status, created_at, updated_at) VALUES (?, 'x.csv', 1, 'pending', ?, ?)")
                .params(id, Timestamp.from(AT), Timestamp.from(AT)).update();
        return id;
    }

    /** Writes the table in one transaction; answers the milliseconds the write took (the commit or rollback not counted). */
    private double write(Method method, UUID upload, FeatureTable table, boolean commit) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        return transaction.execute(status -> {
            long started = System.nanoTime();
            int rows;
            try {
                rows = writer.write(method, upload, table, AT);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            double millis = (System.nanoTime() - started) / 1e6;
            assertThat(rows).isEqualTo(table.rows());
            if (!commit) {
                status.setRollbackOnly();
            }
            return millis;
        });
    }

    private List<String> rows(UUID upload) {
        return jdbc.sql("""
                        SELECT row_index || '|' || feature_values::text || '|' || metadata::text || '|' || created_at::text
                        FROM feature_data WHERE file_upload_id = ? ORDER BY row_index""")
                .param(upload).query(String.class).list();
    }

    @Test
    void text_and_binary_copy_and_both_kinds_of_batch_write_identical_rows_and_the_medians_of_each_are_measured() {
        FeatureTable table = Fixture.baselineTable();
        Map<Method, UUID> committed = new EnumMap<>(Method.class);
        for (Method method : Method.values()) {
            committed.put(method, upload());
            write(method, committed.get(method), table, true);
        }
        List<String> byCopy = rows(committed.get(Method.COPY));
        assertThat(byCopy).hasSize(219);
        for (Method method : Method.values()) {
            assertThat(rows(committed.get(method))).as(method.name()).isEqualTo(byCopy);
        }
        double[] values = jdbc.sql("SELECT feature_values FROM feature_data WHERE file_upload_id = ? AND row_index = 7")
                .param(committed.get(Method.COPY_BINARY)).query((rs, n) -> Fixture.firstRow(rs.getArray(1))).single();
        assertThat(values).as("every value exactly as parsed").containsExactly(table.row(7));
        assertThat(jdbc.sql("SELECT id FROM feature_data WHERE file_upload_id = ? AND row_index = 7")
                .param(committed.get(Method.COPY)).query(UUID.class).single())
                .isEqualTo(FeatureDataWriter.rowId(committed.get(Method.COPY), 7));

        UUID scratch = upload();
        Map<Method, double[]> timings = new EnumMap<>(Method.class);
        for (Method method : Method.values()) {
            for (int i = 0; i < WARM_UP; i++) {
                write(method, scratch, table, false);
            }
        }
        for (Method method : Method.values()) {
            timings.put(method, new double[RUNS]);
        }
        for (int run = 0; run < RUNS; run++) { // interleaved, so a burst of load hits every method alike
            for (Method method : Method.values()) {
                timings.get(method)[run] = write(method, scratch, table, false);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Method method : Method.values()) {
            double[] t = timings.get(method).clone();
            Arrays.sort(t);
            lines.add("feature_data insert of 219 x 1024, %s: median %.1f ms (min %.1f, max %.1f, %d runs)"
                    .formatted(method, t[RUNS / 2], t[0], t[RUNS - 1], RUNS));
        }
        lines.forEach(System.out::println);
        assertThat(lines).hasSize(Method.values().length);
    }
}
