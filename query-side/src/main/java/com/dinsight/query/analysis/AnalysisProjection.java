package com.dinsight.query.analysis;

import com.dinsight.api.analysis.AnalysisCompleted;
import com.dinsight.api.analysis.AnalysisFacts;
import com.dinsight.api.analysis.AnalysisFailed;
import com.dinsight.api.analysis.AnalysisProgressed;
import com.dinsight.api.analysis.AnalysisRequested;
import com.dinsight.api.analysis.AnalysisStarted;
import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.FileParsed;
import com.dinsight.api.analysis.FileRejected;
import com.dinsight.api.analysis.FileUploaded;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.blob.BlobStore;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.FeatureTables;
import com.dinsight.engine.StoredBaseline;
import com.dinsight.query.ReadModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code file_uploads}, {@code feature_data} (with {@code feature_columns}),
 * {@code dinsight_data}, {@code analyses} and {@code datasets.last_analysis_at} from the upload and
 * analysis events (docs/analysis-read-model.md).
 *
 * <p>Every handler is idempotent (a batch can be handled twice after a segment claim moves):
 * inserts are {@code ON CONFLICT DO NOTHING} with ids from the events or derived from them, updates
 * set values from the event only, and timestamps come from the events. Large data comes from the
 * content-addressed blobs the events name: the upload's files (parsed again with the event's column
 * selection) and the analysis result (coordinates and model). A failure propagates: an outage is
 * retried with the batch, a missing or corrupt blob parks the event in the dead-letter queue
 * (docs/evolution.md); the event is never skipped silently.
 */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class AnalysisProjection {

    static final String BLOB_PATH_PREFIX = "blob:";
    private static final int FILENAME_LENGTH = 255;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final FeatureDataWriter features;

    AnalysisProjection(JdbcClient jdbc, BlobStore blobs, FeatureDataWriter features) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.features = features;
    }

    @EventHandler
    void on(FileUploaded event) {
        List<StoredFile> files = event.files();
        String names = files.stream().map(StoredFile::name).collect(Collectors.joining(" + "));
        List<Map<String, Object>> merged = new ArrayList<>();
        for (StoredFile file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", Text.clean(file.name()));
            entry.put("sha256", file.sha256());
            entry.put("size", file.size());
            merged.add(entry);
        }
        Timestamp at = Timestamp.from(event.uploadedAt());
        jdbc.sql("""
                        INSERT INTO file_uploads (id, original_filename, file_size, file_path, status, merged_files,
                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'pending', ?::jsonb, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.fileUploadId(), Text.truncate(Text.clean(names), FILENAME_LENGTH), event.totalSize(),
                        BLOB_PATH_PREFIX + files.get(0).sha256(), json(merged), at, at)
                .update();
    }

    /**
     * Parses the upload's files again from the blob store with the event's column selection and
     * writes every row (binary COPY), with the table's column names in {@code feature_columns}. Skipped when
     * the upload's rows are there already: they were written in one transaction, so they are all
     * there or none is.
     */
    @EventHandler
    void on(FileParsed event) throws SQLException {
        boolean written = jdbc.sql("SELECT EXISTS (SELECT 1 FROM feature_columns WHERE file_upload_id = ?)")
                .param(event.fileUploadId()).query(Boolean.class).single();
        if (written) {
            return;
        }
        String mergedFiles = jdbc.sql("SELECT merged_files::text FROM file_uploads WHERE id = ?")
                .param(event.fileUploadId()).query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("FileParsed for upload " + event.fileUploadId()
                        + " before its FileUploaded was projected"));
        FeatureTable table = read(storedFiles(mergedFiles), event.columns());
        if (table.rows() != event.rows() || table.features() != event.features()) {
            throw new IllegalStateException("Upload " + event.fileUploadId() + " parses to " + table.rows() + " x "
                    + table.features() + " here, but to " + event.rows() + " x " + event.features()
                    + " when FileParsed was decided");
        }
        features.write(FeatureDataWriter.Method.COPY_BINARY, event.fileUploadId(), table, event.parsedAt());
        jdbc.sql("""
                        INSERT INTO feature_columns (file_upload_id, metadata_names, feature_names, total_rows,
                            column_selection, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)""")
                .params(event.fileUploadId(), cleaned(table.metadataNames()), cleaned(table.featureNames()), table.rows(),
                        json(selection(event.columns())), Timestamp.from(event.parsedAt()))
                .update();
    }

    @EventHandler
    void on(FileRejected event) {
        jdbc.sql("UPDATE file_uploads SET status = 'failed', error_message = ?, updated_at = ? WHERE id = ?")
                .params(Text.clean(event.reason()), Timestamp.from(event.rejectedAt()), event.fileUploadId())
                .update();
    }

    @EventHandler
    void on(AnalysisRequested event) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config_id", event.configVersion());
        results.put("seed", event.seed());
        results.put("progress", 0);
        jdbc.sql("""
                        INSERT INTO analyses (id, dataset_id, file_upload_id, analysis_type, status, results, created_by,
                            created_at)
                        VALUES (?, ?, ?, ?, 'pending', ?::jsonb, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.analysisId(), event.datasetId(), event.fileUploadId(),
                        event.analysisType() == null ? "baseline" : event.analysisType(), json(results),
                        event.requestedBy(), Timestamp.from(event.requestedAt()))
                .update();
    }

    /** A (new) attempt starts from progress 0, so progress never goes backwards within an attempt. */
    @EventHandler
    void on(AnalysisStarted event) {
        jdbc.sql("""
                        UPDATE analyses SET status = 'processing',
                            results = (coalesce(results, '{}'::jsonb) - 'stage') || '{"progress": 0}'::jsonb
                        WHERE id = ?""")
                .param(event.analysisId()).update();
        jdbc.sql("UPDATE file_uploads SET status = 'processing', updated_at = ? WHERE id = ?")
                .params(Timestamp.from(event.startedAt()), event.fileUploadId()).update();
    }

    @EventHandler
    void on(AnalysisProgressed event) {
        jdbc.sql("""
                        UPDATE analyses
                        SET results = coalesce(results, '{}'::jsonb) || jsonb_build_object('progress', ?::float8, 'stage', ?::text)
                        WHERE id = ? AND status IN ('pending', 'processing')""")
                .params(finite(event.progress()), event.stage(), event.analysisId()).update();
    }

    /**
     * The coordinates come from the result blob the event names (never from re-running the
     * engine); the run's facts replace the analysis's results.
     */
    @EventHandler
    void on(AnalysisCompleted event) throws IOException {
        boolean stored = jdbc.sql("SELECT EXISTS (SELECT 1 FROM dinsight_data WHERE id = ?)")
                .param(event.dinsightId()).query(Boolean.class).single();
        if (!stored) {
            StoredBaseline baseline = StoredBaseline.fromBytes(blobs.read(event.result().sha256()));
            jdbc.sql("""
                            INSERT INTO dinsight_data (id, file_upload_id, config_id, x_values, y_values, created_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO NOTHING""")
                    .params(event.dinsightId(), event.fileUploadId(), event.configVersion(), baseline.x(), baseline.y(),
                            Timestamp.from(event.completedAt()))
                    .update();
        }
        Timestamp at = Timestamp.from(event.completedAt());
        jdbc.sql("""
                        UPDATE analyses SET status = 'completed', dinsight_id = ?, completed_at = ?, results = ?::jsonb
                        WHERE id = ?""")
                .params(event.dinsightId(), at, json(completedResults(event)), event.analysisId()).update();
        jdbc.sql("UPDATE file_uploads SET status = 'completed', updated_at = ? WHERE id = ?")
                .params(at, event.fileUploadId()).update();
        jdbc.sql("UPDATE datasets SET last_analysis_at = greatest(coalesce(last_analysis_at, ?), ?) WHERE id = ?")
                .params(at, at, event.datasetId()).update();
    }

    @EventHandler
    void on(AnalysisFailed event) {
        Timestamp at = Timestamp.from(event.failedAt());
        String reason = Text.clean(event.reason());
        jdbc.sql("""
                        UPDATE analyses SET status = 'failed', completed_at = ?,
                            results = coalesce(results, '{}'::jsonb) || jsonb_build_object('error', ?::text)
                        WHERE id = ?""")
                .params(at, reason, event.analysisId()).update();
        jdbc.sql("UPDATE file_uploads SET status = 'failed', error_message = ?, updated_at = ? WHERE id = ?")
                .params(reason, at, event.fileUploadId()).update();
    }

    /**
     * Clears this projection's tables. CASCADE also empties the tables that reference them
     * (monitor_data, anomalies, alerts), whose projections belong to this processor and are reset
     * with it.
     */
    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE feature_columns, feature_data, dinsight_data, analyses, file_uploads CASCADE").update();
        jdbc.sql("UPDATE datasets SET last_analysis_at = NULL WHERE last_analysis_at IS NOT NULL").update();
    }

    private FeatureTable read(List<StoredFile> files, ColumnSelection columns) {
        List<FeatureTable> tables = new ArrayList<>();
        for (StoredFile file : files) {
            try (InputStream in = blobs.open(file.sha256())) {
                // The reader closes what it reads; keep the blob's stream open to read it to its end,
                // where the blob store verifies the hash.
                tables.add(FeatureTableReader.read(new FilterInputStream(in) {
                    @Override
                    public void close() {
                    }
                }, file.name(), columns.endMeta(), columns.startDim(), columns.endDim()));
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the stored file '" + file.name() + "' ("
                        + file.sha256() + ")", e);
            }
        }
        return FeatureTables.concat(tables);
    }

    private static List<StoredFile> storedFiles(String mergedFiles) {
        try {
            List<Map<String, Object>> entries = JSON.readValue(mergedFiles, new TypeReference<>() { });
            return entries.stream().map(e -> new StoredFile((String) e.get("name"), (String) e.get("sha256"),
                    ((Number) e.get("size")).longValue())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> completedResults(AnalysisCompleted event) {
        AnalysisFacts f = event.facts();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("progress", 1);
        results.put("config_id", event.configVersion());
        results.put("iterations", f.iterations());
        results.put("start_cost", finite(f.startCost()));
        results.put("final_cost", finite(f.finalCost()));
        results.put("converged", f.converged());
        results.put("method", f.method());
        results.put("landmarks", f.landmarks());
        results.put("dmin", finite(f.dmin()));
        results.put("dmax", finite(f.dmax()));
        results.put("w1", finite(f.w1()));
        results.put("seed", f.seed());
        results.put("feature_scaling", f.featureScaling());
        results.put("kept_features", f.keptFeatures());
        results.put("dropped_features", f.droppedFeatures());
        results.put("rows", f.rows());
        results.put("features", f.features());
        results.put("engine_millis", f.engineMillis());
        results.put("total_millis", event.totalMillis());
        return results;
    }

    private static Map<String, Object> selection(ColumnSelection columns) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("end_meta", columns.endMeta());
        selection.put("start_dim", columns.startDim());
        selection.put("end_dim", columns.endDim());
        return selection;
    }

    private static String[] cleaned(List<String> names) {
        return names.stream().map(Text::clean).toArray(String[]::new);
    }

    /** JSON has no NaN or infinity; such a value is stored as null rather than failing the handler forever. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not representable as JSON: " + value, e);
        }
    }
}
