package com.dinsight.query.analysis;

import com.dinsight.api.analysis.AnalysisView;
import com.dinsight.api.analysis.DinsightView;
import com.dinsight.api.analysis.FeatureView;
import com.dinsight.api.analysis.FetchAnalysis;
import com.dinsight.api.analysis.FetchDinsight;
import com.dinsight.api.analysis.FetchFeatures;
import com.dinsight.api.analysis.FetchFileUpload;
import com.dinsight.api.analysis.FileUploadView;
import com.dinsight.query.security.CallerScope;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Reads uploads and analyses through {@link CallerScope}. Row-level security filters
 * {@code analyses} (the caller's datasets, or all for admins); {@code file_uploads},
 * {@code dinsight_data}, {@code feature_data} and {@code feature_columns} have no policy of their
 * own, so every query here reaches them only where an analysis of the same upload is visible.
 */
@Component
class AnalysisQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An upload is visible when an analysis of it is; the reader role's policy filters {@code analyses}. */
    private static final String VISIBLE_UPLOAD = " EXISTS (SELECT 1 FROM analyses a WHERE a.file_upload_id = %s)";

    private final CallerScope scope;

    AnalysisQueryHandler(CallerScope scope) {
        this.scope = scope;
    }

    @QueryHandler
    Optional<AnalysisView> handle(FetchAnalysis query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql("""
                        SELECT id, dataset_id, file_upload_id, dinsight_id, analysis_type, status, results::text AS results,
                            created_at, completed_at
                        FROM analyses WHERE id = ?""")
                .param(query.analysisId()).query(AnalysisQueryHandler::analysis).optional());
    }

    @QueryHandler
    Optional<FileUploadView> handle(FetchFileUpload query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql("""
                        SELECT id, original_filename, file_size, file_path, status, error_message,
                            merged_files::text AS merged_files, created_at, updated_at
                        FROM file_uploads f WHERE f.id = ? AND """ + VISIBLE_UPLOAD.formatted("f.id"))
                .param(query.fileUploadId()).query(AnalysisQueryHandler::fileUpload).optional());
    }

    /** By dinsight id, else the newest coordinates of the upload with that id. */
    @QueryHandler
    Optional<DinsightView> handle(FetchDinsight query) {
        UUID id = query.dinsightOrFileUploadId();
        return scope.read(query.caller(), jdbc -> jdbc.sql("""
                        SELECT id, file_upload_id, config_id, x_values, y_values
                        FROM dinsight_data d
                        WHERE (d.id = ? OR d.file_upload_id = ?) AND """ + VISIBLE_UPLOAD.formatted("d.file_upload_id")
                        + " ORDER BY (d.id = ?) DESC, d.created_at DESC, d.id DESC LIMIT 1")
                .params(id, id, id).query(AnalysisQueryHandler::dinsight).optional());
    }

    /**
     * Rows {@code start} to {@code end} (exclusive, clipped to the table; null means the last row).
     * Empty when the upload is not visible or has no parsed table (yet). The caller checked that
     * {@code 0 <= start} and {@code start <= end}.
     */
    @QueryHandler
    Optional<FeatureView> handle(FetchFeatures query) {
        return scope.read(query.caller(), jdbc -> {
            Optional<Columns> found = jdbc.sql("SELECT metadata_names, feature_names, total_rows FROM feature_columns c"
                            + " WHERE c.file_upload_id = ? AND" + VISIBLE_UPLOAD.formatted("c.file_upload_id"))
                    .param(query.fileUploadId()).query(AnalysisQueryHandler::columns).optional();
            if (found.isEmpty()) {
                return Optional.<FeatureView>empty();
            }
            Columns columns = found.get();
            int start = Math.min(query.start(), columns.totalRows());
            int end = query.end() == null ? columns.totalRows() : Math.max(start, Math.min(query.end(), columns.totalRows()));
            List<double[]> values = new ArrayList<>(end - start);
            List<Map<String, String>> metadata = new ArrayList<>(end - start);
            if (end > start) {
                jdbc.sql("""
                                SELECT feature_values, metadata::text AS metadata FROM feature_data
                                WHERE file_upload_id = ? AND row_index >= ? AND row_index < ?
                                ORDER BY row_index""")
                        .params(query.fileUploadId(), start, end)
                        .query(rs -> {
                            values.add(firstRow(rs.getArray("feature_values")));
                            metadata.add(ordered(columns.metadataNames(), rs.getString("metadata")));
                        });
            }
            if (values.size() != end - start) {
                throw new IllegalStateException("feature_data of upload " + query.fileUploadId() + " has "
                        + values.size() + " rows in [" + start + ", " + end + "), expected " + (end - start));
            }
            return Optional.of(new FeatureView(columns.featureNames(), values, metadata, columns.totalRows(), start, end));
        });
    }

    private record Columns(List<String> metadataNames, List<String> featureNames, int totalRows) {
    }

    private static Columns columns(ResultSet rs, int row) throws SQLException {
        return new Columns(strings(rs.getArray("metadata_names")), strings(rs.getArray("feature_names")),
                rs.getInt("total_rows"));
    }

    private static AnalysisView analysis(ResultSet rs, int row) throws SQLException {
        Map<String, Object> results = object(rs.getString("results"));
        Object progress = results.get("progress");
        Object error = results.get("error");
        return new AnalysisView(rs.getObject("id", UUID.class), rs.getObject("dataset_id", UUID.class),
                rs.getObject("file_upload_id", UUID.class), rs.getObject("dinsight_id", UUID.class),
                rs.getString("analysis_type"), rs.getString("status"),
                progress instanceof Number n ? n.doubleValue() : 0.0, results,
                error == null ? null : error.toString(), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static FileUploadView fileUpload(ResultSet rs, int row) throws SQLException {
        String merged = rs.getString("merged_files");
        List<Map<String, Object>> mergedFiles;
        try {
            mergedFiles = merged == null ? List.of() : JSON.readValue(merged, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileUploadView(rs.getObject("id", UUID.class), rs.getString("original_filename"),
                rs.getLong("file_size"), rs.getString("file_path"), rs.getString("status"),
                rs.getString("error_message"), mergedFiles, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static DinsightView dinsight(ResultSet rs, int row) throws SQLException {
        return new DinsightView(rs.getObject("id", UUID.class), rs.getObject("file_upload_id", UUID.class),
                rs.getInt("config_id"), doubles(rs.getArray("x_values")), doubles(rs.getArray("y_values")));
    }

    private static double[] doubles(Array array) throws SQLException {
        Object[] boxed = (Object[]) array.getArray();
        double[] values = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = ((Number) boxed[i]).doubleValue();
        }
        return values;
    }

    /** The one row of a 1 x M {@code FLOAT[][]}. */
    private static double[] firstRow(Array array) throws SQLException {
        Object[] rows = (Object[]) array.getArray();
        return rows.length == 0 ? new double[0] : toDoubles((Object[]) rows[0]);
    }

    private static double[] toDoubles(Object[] boxed) {
        double[] values = new double[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = ((Number) boxed[i]).doubleValue();
        }
        return values;
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** A row's metadata in the table's column order (JSONB keeps keys in its own order). */
    private static Map<String, String> ordered(List<String> names, String json) {
        Map<String, String> stored;
        try {
            stored = json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String name : names) {
            if (stored.containsKey(name)) {
                metadata.put(name, stored.get(name));
            }
        }
        stored.forEach(metadata::putIfAbsent);
        return metadata;
    }

    private static Map<String, Object> object(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
