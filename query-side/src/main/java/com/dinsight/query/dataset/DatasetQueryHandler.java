package com.dinsight.query.dataset;

import com.dinsight.api.dataset.DatasetPage;
import com.dinsight.api.dataset.DatasetView;
import com.dinsight.api.dataset.FetchDataset;
import com.dinsight.api.dataset.FetchDatasets;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Reads datasets through {@link CallerScope}: no query here filters by owner, row-level security
 * does, so a forgotten WHERE clause can never show one user another's datasets.
 */
@Component
class DatasetQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS =
            "id, user_id, name, description, tags, metadata, is_active, last_analysis_at, created_at, updated_at";

    private final CallerScope scope;

    DatasetQueryHandler(CallerScope scope) {
        this.scope = scope;
    }

    @QueryHandler
    DatasetPage handle(FetchDatasets query) {
        return scope.read(query.caller(), jdbc -> {
            long total = jdbc.sql("SELECT count(*) FROM datasets").query(Long.class).single();
            List<DatasetView> items = jdbc.sql("SELECT " + COLUMNS + " FROM datasets ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                    .params(query.size(), (long) query.page() * query.size())
                    .query(DatasetQueryHandler::dataset).list();
            return new DatasetPage(items, query.page(), query.size(), total);
        });
    }

    @QueryHandler
    Optional<DatasetView> handle(FetchDataset query) {
        return scope.read(query.caller(), jdbc -> jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE id = ?")
                .param(query.datasetId()).query(DatasetQueryHandler::dataset).optional());
    }

    private static DatasetView dataset(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new DatasetView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("name"),
                rs.getString("description"), tags == null ? List.of() : List.of((String[]) tags.getArray()),
                metadata(rs.getString("metadata")), rs.getBoolean("is_active"), instant(rs.getTimestamp("last_analysis_at")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private static Map<String, Object> metadata(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
