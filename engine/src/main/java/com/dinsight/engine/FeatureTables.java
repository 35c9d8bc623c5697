package com.dinsight.engine;

import java.util.ArrayList;
import java.util.List;

/** Several files' tables as one, in the order given: an upload of more than one file. */
public final class FeatureTables {

    private FeatureTables() {
    }

    /**
     * Appends the rows of {@code tables} in order. Every table must have the first one's metadata
     * and feature columns, in the same order; otherwise the error names the file and the first
     * column that differs.
     */
    public static FeatureTable concat(List<FeatureTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables to merge");
        }
        FeatureTable first = tables.get(0);
        if (tables.size() == 1) {
            return first;
        }
        List<String> metadataNames = first.metadataNames();
        List<String> featureNames = first.featureNames();
        int rows = 0;
        for (FeatureTable table : tables) {
            requireSameColumns(first, table, "metadata", metadataNames, table.metadataNames());
            requireSameColumns(first, table, "feature", featureNames, table.featureNames());
            rows += table.rows();
        }
        int m = featureNames.size();
        double[] values = new double[rows * m];
        String[][] metadata = new String[rows][];
        int at = 0;
        List<String> sources = new ArrayList<>();
        for (FeatureTable table : tables) {
            System.arraycopy(table.valuesRowMajor(), 0, values, at * m, table.rows() * m);
            for (int r = 0; r < table.rows(); r++) {
                metadata[at + r] = table.metadata(r).toArray(String[]::new);
            }
            at += table.rows();
            sources.add(table.source());
        }
        return new FeatureTable(String.join(" + ", sources), metadataNames.toArray(String[]::new), metadata,
                featureNames.toArray(String[]::new), values);
    }

    private static void requireSameColumns(FeatureTable first, FeatureTable table, String kind,
                                           List<String> expected, List<String> actual) {
        for (int c = 0; c < Math.max(expected.size(), actual.size()); c++) {
            String want = c < expected.size() ? expected.get(c) : null;
            String got = c < actual.size() ? actual.get(c) : null;
            if (want == null || !want.equals(got)) {
                String column = got != null ? got : want;
                throw new InvalidInputException(InvalidInputException.Reason.COLUMN_MISMATCH,
                        "its " + kind + " columns differ from those of " + first.source() + " at position "
                                + (c + 1) + " (" + (want == null ? "none" : "'" + want + "'") + " expected, "
                                + (got == null ? "none" : "'" + got + "'") + " found)",
                        table.source(), 1, column);
            }
        }
    }
}
