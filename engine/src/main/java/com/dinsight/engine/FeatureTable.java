package com.dinsight.engine;

import java.util.Arrays;
import java.util.List;

/**
 * N rows of M named features, stored row-major in one {@code double[]} (row r, feature c at
 * {@code r * M + c}), with each row's metadata strings. The arrays are shared, not copied:
 * treat a table as immutable once built.
 */
public final class FeatureTable {

    private final String source;
    private final String[] metadataNames;
    private final String[][] metadata;
    private final String[] featureNames;
    private final double[] values;
    private final int rows;
    private final long[] sourceRows;

    public FeatureTable(String source, String[] metadataNames, String[][] metadata, String[] featureNames,
                        double[] values) {
        this(source, metadataNames, metadata, featureNames, values, null);
    }

    /** With {@code sourceRows}: each row's row number in its file, the header being row 1 (null: not from a file). */
    public FeatureTable(String source, String[] metadataNames, String[][] metadata, String[] featureNames,
                        double[] values, long[] sourceRows) {
        this.source = source == null ? "input" : source;
        this.metadataNames = metadataNames == null ? new String[0] : metadataNames;
        this.featureNames = featureNames;
        this.values = values;
        if (featureNames.length == 0) {
            throw new InvalidInputException(InvalidInputException.Reason.MISSING_COLUMN, "no feature columns", source, 0, null);
        }
        if (values.length % featureNames.length != 0) {
            throw new IllegalArgumentException("values length " + values.length + " is not a multiple of "
                    + featureNames.length + " features");
        }
        this.rows = values.length / featureNames.length;
        this.metadata = metadata == null ? new String[rows][0] : metadata;
        if (this.metadata.length != rows) {
            throw new IllegalArgumentException("metadata rows " + this.metadata.length + " != " + rows);
        }
        if (sourceRows != null && sourceRows.length != rows) {
            throw new IllegalArgumentException("source rows " + sourceRows.length + " != " + rows);
        }
        this.sourceRows = sourceRows;
    }

    /** A table without metadata, e.g. for rows received as JSON arrays. */
    public static FeatureTable of(String source, String[] featureNames, double[] values) {
        return new FeatureTable(source, new String[0], null, featureNames, values);
    }

    /** A table from rows of equal length, without metadata. */
    public static FeatureTable of(String source, List<String> featureNames, double[][] rows) {
        int m = featureNames.size();
        double[] v = new double[rows.length * m];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != m) {
                throw new InvalidInputException(InvalidInputException.Reason.RAGGED_ROW,
                        "row has " + rows[r].length + " values, expected " + m, source, r + 1L, null);
            }
            System.arraycopy(rows[r], 0, v, r * m, m);
        }
        return of(source, featureNames.toArray(String[]::new), v);
    }

    public String source() {
        return source;
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return featureNames.length;
    }

    public String featureName(int c) {
        return featureNames[c];
    }

    public List<String> featureNames() {
        return List.of(featureNames);
    }

    public List<String> metadataNames() {
        return List.of(metadataNames);
    }

    /** The metadata strings of row r (0-based data row), in column order. */
    public List<String> metadata(int r) {
        return Arrays.asList(metadata[r].clone());
    }

    /** Row r's row number in its file as a spreadsheet shows it (the header is row 1), or 0 when not read from a file. */
    public long sourceRow(int r) {
        return sourceRows == null ? 0 : sourceRows[r];
    }

    public double value(int r, int c) {
        return values[r * featureNames.length + c];
    }

    /** A copy of row r. */
    public double[] row(int r) {
        int m = featureNames.length;
        return Arrays.copyOfRange(values, r * m, (r + 1) * m);
    }

    /** The backing row-major array, not a copy: do not modify. */
    public double[] valuesRowMajor() {
        return values;
    }

    /** A table with the same names and metadata and other values (same shape). */
    public FeatureTable withValues(double[] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException("shape differs");
        }
        return new FeatureTable(source, metadataNames, metadata, featureNames, newValues, sourceRows);
    }

    /** The rows {@code from} (inclusive) to {@code to} (exclusive), sharing nothing. */
    public FeatureTable slice(int from, int to) {
        int m = featureNames.length;
        return new FeatureTable(source, metadataNames, Arrays.copyOfRange(metadata, from, to), featureNames,
                Arrays.copyOfRange(values, from * m, to * m),
                sourceRows == null ? null : Arrays.copyOfRange(sourceRows, from, to));
    }

    String[] featureNameArray() {
        return featureNames;
    }
}
