package com.dinsight.app.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.SharedFiles;
import com.dinsight.testsupport.TestDatabase;
import com.dinsight.testsupport.TestPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the catalog Flyway builds with the catalog the seed's own DDL builds, read from
 * ../shared/docs/seed-database-schema.md itself: every table, column (type, length, default,
 * nullability, position), key, foreign key and index. The only differences allowed are the
 * ones docs/schema-changes.md lists.
 */
class SchemaMigrationTest {

    /** Tables of our own beside the seed's (docs/schema-changes.md), compared nowhere but listed. */
    private static final List<String> OWN_TABLES = List.of("flyway_schema_history", "revoked_sessions", "feature_columns",
            "baselines", "anomaly_thresholds", "monitoring_counts");
    private static final String OWN = OWN_TABLES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    private static final String COLUMNS = """
            SELECT table_name, column_name, ordinal_position, data_type, udt_name, character_maximum_length,
                   column_default, is_nullable
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN (%s)
              AND table_name IN (SELECT table_name FROM information_schema.tables
                                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE')""".formatted(OWN);
    private static final String CONSTRAINTS = """
            SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace
              AND conrelid::regclass::text NOT IN (%s)""".formatted(OWN);
    private static final String INDEXES = """
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename NOT IN (%s)""".formatted(OWN);
    private static final Set<String> DOCUMENTED_EXTRA_COLUMNS = Set.of(
            "config_data|feature_scaling|22|character varying|varchar|50|'standard'::character varying|NO",
            "config_data|detection_method|23|character varying|varchar|50|'hybrid'::character varying|NO",
            "feature_data|row_index|6|integer|int4|null|null|NO",
            "alerts|changed_at|12|timestamp with time zone|timestamptz|null|null|YES");
    private static final Set<String> DOCUMENTED_EXTRA_INDEXES = Set.of(
            "feature_data|idx_feature_data_file_upload_row|CREATE UNIQUE INDEX idx_feature_data_file_upload_row ON public.feature_data USING btree (file_upload_id, row_index)",
            "monitor_data|idx_monitor_data_dinsight_order|CREATE UNIQUE INDEX idx_monitor_data_dinsight_order ON public.monitor_data USING btree (dinsight_id, process_order)",
            "anomalies|idx_anomalies_dataset_timestamp|CREATE INDEX idx_anomalies_dataset_timestamp ON public.anomalies USING btree (dataset_id, \"timestamp\" DESC)",
            "alerts|idx_alerts_changed_at|CREATE INDEX idx_alerts_changed_at ON public.alerts USING btree (changed_at)",
            "audit_logs|idx_audit_logs_resource|CREATE INDEX idx_audit_logs_resource ON public.audit_logs USING btree (resource_type, resource_id, created_at DESC)");
    /** Seed constraints dropped on purpose (docs/schema-changes.md, V18). */
    private static final Set<String> DOCUMENTED_DROPPED_CONSTRAINTS = Set.of(
            "audit_logs|audit_logs_user_id_fkey|f|FOREIGN KEY (user_id) REFERENCES users(id)");

    private static TestDatabase migrated;
    private static TestDatabase seed;

    @BeforeAll
    static void buildBothSchemas() throws Exception {
        migrated = TestPostgres.freshDatabase("migrated");
        Flyway.configure().dataSource(migrated.jdbcUrl(), migrated.user(), migrated.password())
                .locations("classpath:db/migration").load().migrate();

        seed = TestPostgres.freshDatabase("seed");
        try (Connection connection = seed.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
            statement.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
            for (String ddl : seedDdl()) {
                statement.execute(ddl);
            }
        }
    }

    private static List<String> seedDdl() throws Exception {
        String document = Files.readString(SharedFiles.path("docs/seed-database-schema.md"));
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(document);
        List<String> statements = new ArrayList<>();
        while (block.find()) {
            statements.add(block.group(1));
        }
        assertThat(statements).as("SQL blocks in the seed").hasSize(13);
        return statements;
    }

    @Test
    void every_seed_column_is_there_with_its_type_length_default_and_nullability() throws SQLException {
        Set<String> expected = rows(seed, COLUMNS);
        Set<String> actual = rows(migrated, COLUMNS);

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(difference(expected, actual)).as("seed columns missing or different").isEmpty();
        assertThat(difference(actual, expected)).as("columns beyond the seed").isEqualTo(DOCUMENTED_EXTRA_COLUMNS);
    }

    @Test
    void the_only_tables_beyond_the_seed_are_the_documented_ones() throws SQLException {
        String tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        Set<String> extra = difference(rows(migrated, tables), rows(seed, tables));
        assertThat(extra).containsExactlyInAnyOrderElementsOf(OWN_TABLES);
    }

    @Test
    void every_seed_key_foreign_key_and_unique_constraint_is_there() throws SQLException {
        Set<String> expected = rows(seed, CONSTRAINTS);
        assertThat(expected).anyMatch(c -> c.contains("FOREIGN KEY (dinsight_id) REFERENCES dinsight_data(id)"));
        Set<String> actual = rows(migrated, CONSTRAINTS);
        assertThat(difference(actual, expected)).as("constraints beyond the seed").isEmpty();
        assertThat(difference(expected, actual)).as("seed constraints missing").isEqualTo(DOCUMENTED_DROPPED_CONSTRAINTS);
    }

    @Test
    void every_seed_index_is_there_as_written() throws SQLException {
        Set<String> expected = rows(seed, INDEXES);
        assertThat(expected).anyMatch(i -> i.contains("idx_datasets_tags") && i.contains("USING gin"));
        Set<String> actual = rows(migrated, INDEXES);
        assertThat(difference(expected, actual)).as("seed indexes missing or different").isEmpty();
        assertThat(difference(actual, expected)).as("indexes beyond the seed").isEqualTo(DOCUMENTED_EXTRA_INDEXES);
    }

    @Test
    void the_required_extensions_exist_and_a_missing_timescaledb_did_not_fail_the_migration() throws SQLException {
        Set<String> extensions = rows(migrated, "SELECT extname FROM pg_extension");
        assertThat(extensions).contains("uuid-ossp", "pgcrypto");
        boolean timescaleAvailable = !rows(migrated,
                "SELECT name FROM pg_available_extensions WHERE name = 'timescaledb'").isEmpty();
        if (!timescaleAvailable) {
            assertThat(extensions).doesNotContain("timescaledb");
        }
        assertThat(rows(migrated, "SELECT success::text FROM flyway_schema_history")).containsOnly("true");
    }

    @Test
    void axon_tables_live_in_their_own_schema_with_bytea_payloads_and_no_large_objects() throws SQLException {
        Set<String> tables = rows(migrated, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'axon'");
        assertThat(tables).containsExactlyInAnyOrder("domain_event_entry", "snapshot_event_entry", "token_entry",
                "saga_entry", "association_value_entry", "dead_letter_entry");
        assertThat(rows(migrated, """
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'axon' AND udt_name = 'oid'""")).isEmpty();
        assertThat(rows(migrated, """
                SELECT udt_name FROM information_schema.columns
                WHERE table_schema = 'axon' AND column_name IN ('payload', 'token', 'serializedsaga')""")).containsOnly("bytea");
    }

    @Test
    void raw_sensor_values_and_event_payloads_are_stored_out_of_line_without_compression_attempts() throws SQLException {
        Set<String> external = rows(migrated, """
                SELECT c.relnamespace::regnamespace || '.' || c.relname || '.' || a.attname
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE a.attstorage = 'e' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped""");

        assertThat(external).contains("public.monitor_data.monitor_values", "public.feature_data.feature_values",
                "axon.domain_event_entry.payload");
    }

    @Test
    void analyze_gathers_no_statistics_on_raw_sensor_values() throws SQLException {
        Set<String> withoutStatistics = rows(migrated, """
                SELECT c.relname || '.' || a.attname
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE a.attstattarget = 0 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped""");

        assertThat(withoutStatistics).containsExactlyInAnyOrder("monitor_data.monitor_values", "feature_data.feature_values");
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new HashSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static Set<String> rows(TestDatabase database, String sql) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData meta = resultSet.getMetaData();
            while (resultSet.next()) {
                StringJoiner row = new StringJoiner("|");
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(String.valueOf(resultSet.getString(i)));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
