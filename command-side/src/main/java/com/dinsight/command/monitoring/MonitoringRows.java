package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.engine.BaselineModel;
import com.dinsight.engine.FeatureTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Monitoring rows sent as JSON, turned into a table in the baseline's feature order. A row gives
 * its features by name ({@code features}) or in order ({@code values}); other keys of
 * {@code features} and everything in {@code metadata} are kept as the row's metadata.
 */
final class MonitoringRows {

    record Row(Map<String, Object> features, List<Object> values, Map<String, Object> metadata) {
    }

    record Request(List<Row> rows) {
    }

    private MonitoringRows() {
    }

    /** The table and each row's metadata (strings), or a 400 naming the row and the field. */
    static FeatureTable table(Request request, BaselineModel model) {
        if (request == null || request.rows() == null || request.rows().isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("rows", "at least one row is required")));
        }
        List<String> names = model.featureNames();
        Set<String> featureNames = new HashSet<>(names);
        int m = names.size();
        int n = request.rows().size();
        double[] values = new double[n * m];
        List<Map<String, String>> metadata = new ArrayList<>(n);
        List<String> metadataNames = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Row row = request.rows().get(r);
            String where = "rows[" + r + "]";
            if (row == null || (row.features() == null) == (row.values() == null)) {
                throw invalid(where, "must have either 'features' (by name) or 'values' (in the baseline's order)");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            if (row.metadata() != null) {
                row.metadata().forEach((key, value) -> meta.put(key, value == null ? null : String.valueOf(value)));
            }
            if (row.values() != null) {
                if (row.values().size() != m) {
                    throw invalid(where + ".values", "has " + row.values().size() + " values, the baseline has " + m + " features");
                }
                for (int c = 0; c < m; c++) {
                    values[r * m + c] = number(row.values().get(c), where + ".values[" + c + "]");
                }
            } else {
                for (int c = 0; c < m; c++) {
                    String name = names.get(c);
                    if (!row.features().containsKey(name)) {
                        throw invalid(where + ".features", "has no value for the baseline's feature '" + name + "'");
                    }
                    values[r * m + c] = number(row.features().get(name), where + ".features." + name);
                }
                row.features().forEach((key, value) -> {
                    if (!featureNames.contains(key)) {
                        meta.put(key, value == null ? null : String.valueOf(value));
                    }
                });
            }
            meta.keySet().stream().filter(key -> !metadataNames.contains(key)).forEach(metadataNames::add);
            metadata.add(meta);
        }
        String[][] cells = new String[n][metadataNames.size()];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < metadataNames.size(); k++) {
                cells[r][k] = metadata.get(r).get(metadataNames.get(k));
            }
        }
        return new FeatureTable("request body", metadataNames.toArray(String[]::new), cells,
                names.toArray(String[]::new), values);
    }

    private static double number(Object value, String field) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw invalid(field, "must be a finite number, was " + value);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalid(List.of(new FieldError(field, message)));
    }
}
