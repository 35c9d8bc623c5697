package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.engine.FeatureTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Monitoring rows sent as JSON, turned into a table in the baseline's feature order. A row gives
 * its features by name ({@code features}) or in order ({@code values}); other keys of
 * {@code features} and everything in {@code metadata} are kept as the row's metadata.
 */
final class MonitoringRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(FeatureValues features, List<Object> values, Map<String, Object> metadata) {
    }

    record Request(List<Row> rows) {
    }

    private MonitoringRows() {
    }

    /** The table and each row's metadata (strings), or a 400 naming the row and the field. */
    static FeatureTable table(Request request, FeatureColumns columns) {
        if (request == null || request.rows() == null || request.rows().isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("rows", "at least one row is required")));
        }
        int m = columns.size();
        int n = request.rows().size();
        double[] values = new double[n * m];
        List<Map<String, String>> metadata = new ArrayList<>(n);
        Set<String> metadataNames = new LinkedHashSet<>();
        int[] entryOfColumn = new int[m];
        for (int r = 0; r < n; r++) {
            Row row = request.rows().get(r);
            String where = "rows[" + r + "]";
            if (row == null || (row.features() == null) == (row.values() == null)) {
                throw invalid(where, "must have either 'features' (by name) or 'values' (in the baseline's order)");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            if (row.metadata() != null) {
                row.metadata().forEach((key, value) -> meta.put(key, text(value)));
            }
            if (row.values() != null) {
                if (row.values().size() != m) {
                    throw invalid(where + ".values", "has " + row.values().size() + " values, the baseline has " + m + " features");
                }
                for (int c = 0; c < m; c++) {
                    values[r * m + c] = number(row.values().get(c), where + ".values[" + c + "]");
                }
            } else {
                placeByName(row.features(), columns, entryOfColumn, meta);
                for (int c = 0; c < m; c++) {
                    int k = entryOfColumn[columns.firstColumnOf(c)];
                    if (k < 0) {
                        throw invalid(where + ".features", "has no value for the baseline's feature '" + columns.name(c) + "'");
                    }
                    if (!row.features().isNumber(k) || !Double.isFinite(row.features().number(k))) {
                        throw invalid(where + ".features." + columns.name(c),
                                "must be a finite number, was " + shown(row.features().value(k)));
                    }
                    values[r * m + c] = row.features().number(k);
                }
            }
            metadataNames.addAll(meta.keySet());
            metadata.add(meta);
        }
        String[] metadataColumns = metadataNames.toArray(String[]::new);
        String[][] cells = new String[n][metadataColumns.length];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < metadataColumns.length; k++) {
                cells[r][k] = metadata.get(r).get(metadataColumns[k]);
            }
        }
        return new FeatureTable("request body", metadataColumns, cells, columns.names(), values);
    }

    /**
     * Which entry of the row gives each first column (the last entry of a repeated key, as in a
     * map); keys that are not features go to the metadata in their order.
     */
    private static void placeByName(FeatureValues features, FeatureColumns columns, int[] entryOfColumn,
                                    Map<String, String> meta) {
        Arrays.fill(entryOfColumn, -1);
        int next = 0;
        for (int k = 0; k < features.size(); k++) {
            int column = columns.columnOf(features.name(k), next);
            if (column >= 0) {
                entryOfColumn[column] = k;
                next = column + 1;
            } else {
                meta.put(features.name(k), text(features.value(k)));
            }
        }
    }

    /** A value as text: scalars as they read, objects and arrays as their JSON. */
    private static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("metadata read from JSON could not be written back as JSON", e);
            }
        }
        return value == null ? null : String.valueOf(value);
    }

    private static double number(Object value, String field) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw invalid(field, "must be a finite number, was " + shown(value));
    }

    /** A refused value as the client wrote it: a string in quotes, so "1.5" is not mistaken for 1.5. */
    private static String shown(Object value) {
        return value instanceof String text ? "the string \"" + text + "\"" : text(value);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalid(List.of(new FieldError(field, message)));
    }
}
