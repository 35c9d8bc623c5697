package com.dinsight.query.dataset;

import com.dinsight.api.dataset.DatasetCreated;
import com.dinsight.api.dataset.DatasetDeactivated;
import com.dinsight.api.dataset.DatasetDeleted;
import com.dinsight.api.dataset.DatasetUpdated;
import com.dinsight.query.BatchedWrites;
import com.dinsight.query.ReadModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes {@code datasets}. Tags and metadata travel as JSON into the array and JSONB columns. */
@Component
@ProcessingGroup(ReadModel.PROCESSING_GROUP)
class DatasetProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    DatasetProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DatasetCreated event) {
        jdbc.sql("""
                        INSERT INTO datasets (id, user_id, name, description, tags, metadata, is_active, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), ?::jsonb, true, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.datasetId(), event.ownerId(), event.name(), event.description(), json(event.tags()),
                        json(event.metadata()), Timestamp.from(event.createdAt()), Timestamp.from(event.createdAt()))
                .update();
    }

    @EventHandler
    void on(DatasetUpdated event) {
        jdbc.sql("""
                        UPDATE datasets SET name = ?, description = ?, tags = ARRAY(SELECT jsonb_array_elements_text(?::jsonb)),
                            metadata = ?::jsonb, updated_at = ?
                        WHERE id = ?""")
                .params(event.name(), event.description(), json(event.tags()), json(event.metadata()),
                        Timestamp.from(event.updatedAt()), event.datasetId())
                .update();
    }

    @EventHandler
    void on(DatasetDeactivated event) {
        jdbc.sql("UPDATE datasets SET is_active = false, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(event.deactivatedAt()), event.datasetId()).update();
    }

    @EventHandler
    void on(DatasetDeleted event) {
        BatchedWrites.flush(); // else rows pending in this batch would be inserted after their dataset is gone
        jdbc.sql("DELETE FROM datasets WHERE id = ?").param(event.datasetId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE datasets CASCADE").update();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not representable as JSON: " + value, e);
        }
    }
}
