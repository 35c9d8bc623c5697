package com.dinsight.app.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A processor's tables copied, empty, into a schema of their own ({@code replay_<processor>}), and
 * the switch that makes {@code public} equal to them.
 *
 * <p>The copies keep what the projections rely on: columns, defaults, keys and indexes
 * ({@code LIKE ... INCLUDING ALL}), the foreign keys among the processor's own tables (their
 * {@code ON DELETE CASCADE} is how a deleted dataset takes its analyses along) and the triggers
 * (V14: alerts go with their dataset or rule). Foreign keys to other processors' tables are left
 * out: those tables are kept by another processor at another pace. Row-level security and grants
 * are not copied; only the replay writes the shadow, queries never read it.
 *
 * <p>The switch runs inside the caller's transaction, with {@code public} tables only: it
 * inserts or updates every shadow row, parents first, then deletes the rows the shadow does not
 * have, children first. Rows that are equal are not written, so readers see the old rows until
 * commit (MVCC) and the new ones after, never an empty table; the tables, their policies, grants,
 * triggers and foreign keys from other tables stay the same objects.
 */
final class ShadowTables {

    private final JdbcTemplate jdbc;
    private final String schema;
    private final List<String> tables;

    ShadowTables(JdbcTemplate jdbc, String processor, List<String> tables) {
        this.jdbc = jdbc;
        this.schema = schemaOf(processor);
        this.tables = List.copyOf(tables);
    }

    static String schemaOf(String processor) {
        return "replay_" + processor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    String schema() {
        return schema;
    }

    /** Drops what an earlier run left and creates the empty shadow tables; call inside a transaction. */
    void create() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + schema);
        // definitions are read with public alone on the path, so they name tables unqualified ...
        jdbc.execute("SET LOCAL search_path TO public");
        for (String table : tables) {
            jdbc.execute("CREATE TABLE " + schema + "." + quote(table) + " (LIKE public." + quote(table) + " INCLUDING ALL)");
        }
        List<Map<String, Object>> foreignKeys = jdbc.queryForList("""
                SELECT conname AS name, conrelid::regclass::text AS child, confrelid::regclass::text AS parent,
                       pg_get_constraintdef(oid) AS definition
                FROM pg_constraint
                WHERE contype = 'f' AND conrelid IN (SELECT ('public.' || quote_ident(t))::regclass FROM unnest(?::text[]) t)
                ORDER BY conname""", (Object) tables.toArray(String[]::new));
        List<String> triggers = jdbc.queryForList("""
                SELECT pg_get_triggerdef(oid, true) FROM pg_trigger
                WHERE NOT tgisinternal AND tgrelid IN (SELECT ('public.' || quote_ident(t))::regclass FROM unnest(?::text[]) t)
                ORDER BY tgname""", String.class, (Object) tables.toArray(String[]::new));
        // ... and are run with the shadow first, where those names find the shadow tables
        jdbc.execute("SET LOCAL search_path TO " + schema + ", public");
        for (Map<String, Object> key : foreignKeys) {
            if (tables.contains(unquote((String) key.get("parent")))) {
                jdbc.execute("ALTER TABLE " + schema + "." + key.get("child") + " ADD CONSTRAINT " + quote((String) key.get("name"))
                        + " " + key.get("definition"));
            }
        }
        triggers.forEach(jdbc::execute);
    }

    void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * Makes every {@code public} table equal to its shadow; call inside the switch's transaction.
     * Answers the number of rows inserted, updated or deleted.
     */
    long copyIntoPublic() {
        jdbc.execute("SET LOCAL search_path TO public");
        List<String> parentsFirst = parentsFirst();
        long changed = 0;
        for (String table : parentsFirst) {
            changed += jdbc.update(upsert(table));
        }
        for (int i = parentsFirst.size() - 1; i >= 0; i--) {
            changed += jdbc.update(deleteMissing(parentsFirst.get(i)));
        }
        return changed;
    }

    private String upsert(String table) {
        List<String> columns = columns(table);
        List<String> key = primaryKey(table);
        List<String> others = columns.stream().filter(column -> !key.contains(column)).toList();
        String all = join(columns, "");
        String sql = "INSERT INTO public." + quote(table) + " AS live (" + all + ") SELECT " + all + " FROM " + schema + "."
                + quote(table) + " ON CONFLICT (" + join(key, "") + ") DO ";
        if (others.isEmpty()) {
            return sql + "NOTHING";
        }
        return sql + "UPDATE SET (" + join(others, "") + ") = ROW(" + join(others, "EXCLUDED.") + ") WHERE ("
                + join(others, "live.") + ") IS DISTINCT FROM (" + join(others, "EXCLUDED.") + ")";
    }

    private String deleteMissing(String table) {
        String matches = primaryKey(table).stream().map(column -> "s." + quote(column) + " = live." + quote(column))
                .collect(Collectors.joining(" AND "));
        return "DELETE FROM public." + quote(table) + " AS live WHERE NOT EXISTS (SELECT 1 FROM " + schema + "."
                + quote(table) + " s WHERE " + matches + ")";
    }

    /** The tables ordered so that each comes after every table of the set it references. */
    List<String> parentsFirst() {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        tables.forEach(table -> parents.put(table, new LinkedHashSet<>()));
        jdbc.query("""
                SELECT c.relname AS child, p.relname AS parent
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
                WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND p.relnamespace = 'public'::regnamespace""",
                row -> {
                    String child = row.getString("child");
                    String parent = row.getString("parent");
                    if (parents.containsKey(child) && parents.containsKey(parent) && !child.equals(parent)) {
                        parents.get(child).add(parent);
                    }
                });
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("The foreign keys among " + tables + " form a cycle");
            }
        }
        return ordered;
    }

    private List<String> columns(String table) {
        return jdbc.queryForList("""
                SELECT attname FROM pg_attribute
                WHERE attrelid = ('public.' || quote_ident(?))::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                ORDER BY attnum""", String.class, table);
    }

    private List<String> primaryKey(String table) {
        List<String> key = jdbc.queryForList("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = ('public.' || quote_ident(?))::regclass AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum)""", String.class, table);
        if (key.isEmpty()) {
            throw new IllegalStateException("Table " + table + " has no primary key; a replay cannot switch it");
        }
        return key;
    }

    private static String join(List<String> columns, String prefix) {
        return columns.stream().map(column -> prefix + quote(column)).collect(Collectors.joining(", "));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }
}
