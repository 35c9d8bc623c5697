package com.dinsight.engine;

/**
 * Every input the engine refuses: a bad CSV value, a ragged row, a missing column, a bad
 * configuration value, or degenerate data (too few rows, identical rows, a singular
 * covariance, monitoring columns that differ from the baseline's).
 *
 * <p>{@link #file()}, {@link #row()} and {@link #column()} say where, when the problem has a
 * place: {@code row} is 1-based as a spreadsheet shows it (the header is row 1), 0 when the
 * problem is not about one row; {@code file} and {@code column} are null when not known.
 * {@link #reason()} is a stable code the application maps to its error responses.
 */
public class InvalidInputException extends RuntimeException {

    /** Stable codes for what was wrong. */
    public enum Reason {
        BAD_VALUE,
        RAGGED_ROW,
        DUPLICATE_COLUMN,
        MISSING_COLUMN,
        NO_ROWS,
        BAD_CSV,
        BAD_CONFIGURATION,
        TOO_FEW_ROWS,
        IDENTICAL_ROWS,
        SINGULAR_COVARIANCE,
        COLUMN_MISMATCH,
        BAD_MODEL
    }

    private final Reason reason;
    private final String file;
    private final long row;
    private final String column;

    public InvalidInputException(Reason reason, String message) {
        this(reason, message, null, 0, null);
    }

    public InvalidInputException(Reason reason, String message, String file, long row, String column) {
        super(describe(message, file, row, column));
        this.reason = reason;
        this.file = file;
        this.row = row;
        this.column = column;
    }

    private static String describe(String message, String file, long row, String column) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
        }
        if (row > 0) {
            where.append(where.length() > 0 ? ", " : "").append("row ").append(row);
        }
        if (column != null) {
            where.append(where.length() > 0 ? ", " : "").append("column ").append(column);
        }
        return where.length() == 0 ? message : where + ": " + message;
    }

    public Reason reason() {
        return reason;
    }

    /** The file (or upload name) the problem is in, or null. */
    public String file() {
        return file;
    }

    /** 1-based row as a spreadsheet shows it (header = 1), or 0 when not about one row. */
    public long row() {
        return row;
    }

    /** The column name, or null. */
    public String column() {
        return column;
    }
}
