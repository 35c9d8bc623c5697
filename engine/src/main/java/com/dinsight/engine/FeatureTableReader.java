package com.dinsight.engine;

import com.dinsight.engine.InvalidInputException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import com.fasterxml.jackson.core.io.NumberInput;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads a feature table from CSV, streaming. A baseline's file: metadata columns are the first
 * column through {@code end_meta}; features are {@code start_dim} through {@code end_dim}, in file
 * order. Rows to place on a baseline ({@link #readByName}): the baseline's features by name, any
 * other column is metadata. Accepts a UTF-8 byte-order mark, CRLF or LF line endings, quoted fields (with commas,
 * quotes and line breaks inside) and blank lines at the end.
 *
 * <p>Every problem is an {@link InvalidInputException} naming the file, the row as a
 * spreadsheet shows it (the header is row 1; a record spanning lines is named by its first) and
 * the column.
 *
 * <p>Parsed with FastCSV and Jackson's copy of FastDoubleParser: a 1,000-row monitoring file of
 * 1,024 features (9.6 MB) takes about 40 ms, where Commons CSV and {@code Double.parseDouble}
 * took 100 ms (decision 37).
 */
public final class FeatureTableReader {

    private static final int BLOCK_ROWS = 1024;

    private FeatureTableReader() {
    }

    /** Reads a file with the column range of {@code config}. */
    public static FeatureTable read(Path file, EngineConfig config) {
        return fromFile(file, in -> read(in, file.getFileName().toString(), config.endMeta(), config.startDim(),
                config.endDim()));
    }

    /** Reads a file of rows to place on a baseline with these features ({@link #readByName(InputStream, String, String[])}). */
    public static FeatureTable readByName(Path file, String[] featureNames) {
        return fromFile(file, in -> readByName(in, file.getFileName().toString(), featureNames));
    }

    private static FeatureTable fromFile(Path file, Function<InputStream, FeatureTable> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(Reason.BAD_CSV, "no such file", file.toString(), 0, null);
        } catch (IOException e) {
            throw new InvalidInputException(Reason.BAD_CSV, "cannot read: " + e,
                    file.toString(), 0, null);
        }
    }

    /** Reads UTF-8 bytes; {@code source} names the input in errors. */
    public static FeatureTable read(InputStream in, String source, String endMeta, String startDim, String endDim) {
        return read(utf8(in), source, endMeta, startDim, endDim);
    }

    /** Reads characters; {@code source} names the input in errors. */
    public static FeatureTable read(Reader reader, String source, String endMeta, String startDim, String endDim) {
        return read(reader, source, header -> header.byRange(endMeta, startDim, endDim));
    }

    /**
     * Reads rows to place on a baseline (UTF-8 bytes): the baseline's feature columns are found by
     * name, in any column order, and come out in the baseline's order; every other column is the
     * rows' metadata, in file order.
     */
    public static FeatureTable readByName(InputStream in, String source, String[] featureNames) {
        if (featureNames.length == 0) {
            throw new IllegalArgumentException("a baseline has at least one feature column");
        }
        return read(utf8(in), source, header -> header.byName(featureNames));
    }

    private static Reader utf8(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    private static FeatureTable read(Reader reader, String source, Function<Header, Layout> layout) {
        try {
            PushbackReader in = new PushbackReader(reader, 1);
            int first = in.read();
            if (first != -1 && first != '\uFEFF') {
                in.unread(first);
            }
            // ragged rows are reported by parse(), naming the row and the missing or extra column
            try (CsvReader<CsvRecord> parser = CsvReader.builder().skipEmptyLines(false).allowExtraFields(true)
                    .allowMissingFields(true).ofCsvRecord(in)) {
                return parse(parser, source, layout);
            }
        } catch (CsvParseException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new InvalidInputException(Reason.BAD_CSV, "not valid UTF-8 text", source, 0, null);
            }
            throw new InvalidInputException(Reason.BAD_CSV, "malformed CSV: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), source, 0, null);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Reason.BAD_CSV, "not valid UTF-8 text", source, 0, null);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new InvalidInputException(Reason.BAD_CSV, "not valid UTF-8 text", source, 0, null);
            }
            throw new InvalidInputException(Reason.BAD_CSV, "malformed CSV: " + e.getMessage(), source, 0, null);
        } catch (IOException | IllegalStateException e) {
            throw new InvalidInputException(Reason.BAD_CSV, "malformed CSV: " + e.getMessage(), source, 0, null);
        }
    }

    /** The header's column names, checked: none empty, none repeated. */
    private record Header(String[] names, Map<String, Integer> index, String source, long row) {

        static Header of(CsvRecord record, String source) {
            long row = record.getStartingLineNumber();
            int width = record.getFieldCount();
            String[] names = new String[width];
            Map<String, Integer> index = new HashMap<>();
            for (int c = 0; c < width; c++) {
                names[c] = record.getField(c).trim();
                if (names[c].isEmpty()) {
                    throw new InvalidInputException(Reason.MISSING_COLUMN, "column " + (c + 1) + " has no name",
                            source, row, "#" + (c + 1));
                }
                Integer before = index.putIfAbsent(names[c], c);
                if (before != null) {
                    throw new InvalidInputException(Reason.DUPLICATE_COLUMN, "duplicate column name '" + names[c]
                            + "' (columns " + (before + 1) + " and " + (c + 1) + ")", source, row, names[c]);
                }
            }
            return new Header(names, index, source, row);
        }

        /** Metadata: the first column through end_meta; features: start_dim through end_dim. */
        Layout byRange(String endMeta, String startDim, String endDim) {
            int metaEnd = find(endMeta, "end_meta");
            int start = find(startDim, "start_dim");
            int end = find(endDim, "end_dim");
            if (end < start) {
                throw new InvalidInputException(Reason.MISSING_COLUMN, "end_dim '" + endDim + "' comes before start_dim '"
                        + startDim + "'", source, row, endDim);
            }
            return new Layout(IntStream.rangeClosed(0, metaEnd).toArray(), IntStream.rangeClosed(start, end).toArray(),
                    Arrays.copyOfRange(names, start, end + 1));
        }

        /** Features: these names wherever they are; metadata: every other column. */
        Layout byName(String[] featureNames) {
            int[] featureColumns = new int[featureNames.length];
            boolean[] isFeature = new boolean[names.length];
            int found = 0;
            String missing = null;
            for (int c = 0; c < featureNames.length; c++) {
                Integer column = index.get(featureNames[c]);
                if (column == null) {
                    missing = missing == null ? featureNames[c] : missing;
                } else {
                    featureColumns[c] = column;
                    isFeature[column] = true;
                    found++;
                }
            }
            if (found == 0) {
                String oneColumn = names.length == 1 && (names[0].contains(";") || names[0].contains("\t"))
                        ? "; the header is one column: are the values separated by something other than commas?" : "";
                throw new InvalidInputException(Reason.MISSING_COLUMN, "the header has none of the baseline's "
                        + featureNames.length + " feature columns ('" + featureNames[0] + "' to '"
                        + featureNames[featureNames.length - 1] + "')" + oneColumn, source, row, featureNames[0]);
            }
            if (missing != null) {
                throw new InvalidInputException(Reason.MISSING_COLUMN, "the baseline's feature column '" + missing
                        + "' is missing (" + found + " of " + featureNames.length + " feature columns)", source, row,
                        missing);
            }
            int[] metaColumns = IntStream.range(0, names.length).filter(c -> !isFeature[c]).toArray();
            return new Layout(metaColumns, featureColumns, featureNames);
        }

        private int find(String name, String key) {
            Integer c = index.get(name);
            if (c == null) {
                throw new InvalidInputException(Reason.MISSING_COLUMN, "the header has no column '" + name + "' ("
                        + key + ")", source, row, name);
            }
            return c;
        }
    }

    /** Which file columns are the metadata and which the features, in the table's order. */
    private record Layout(int[] metaColumns, int[] featureColumns, String[] featureNames) {
    }

    private static FeatureTable parse(CsvReader<CsvRecord> parser, String source,
                                      Function<Header, Layout> layoutOf) {
        var it = parser.iterator();
        CsvRecord first = null;
        while (it.hasNext()) {
            CsvRecord r = it.next();
            if (!isBlank(r)) {
                first = r;
                break;
            }
        }
        if (first == null) {
            throw new InvalidInputException(Reason.NO_ROWS, "the file is empty: no header and no rows", source, 0, null);
        }
        Header header = Header.of(first, source);
        String[] names = header.names();
        int width = names.length;
        Layout layout = layoutOf.apply(header);
        int[] metaColumns = layout.metaColumns();
        int[] featureColumns = layout.featureColumns();
        String[] featureNames = layout.featureNames();
        int m = featureNames.length;
        String[] metaNames = new String[metaColumns.length];
        for (int k = 0; k < metaColumns.length; k++) {
            metaNames[k] = names[metaColumns[k]];
        }

        List<double[]> blocks = new ArrayList<>();
        List<String[]> meta = new ArrayList<>();
        long[] sourceRows = new long[BLOCK_ROWS];
        double[] block = new double[BLOCK_ROWS * m];
        int inBlock = 0;
        int rows = 0;
        long pendingBlank = 0;
        while (it.hasNext()) {
            CsvRecord r = it.next();
            long row = r.getStartingLineNumber();
            if (isBlank(r)) {
                pendingBlank = pendingBlank == 0 ? row : pendingBlank;
                continue;
            }
            if (pendingBlank != 0) {
                throw new InvalidInputException(Reason.RAGGED_ROW, "blank line inside the data", source,
                        pendingBlank, null);
            }
            int size = r.getFieldCount();
            if (size != width) {
                throw new InvalidInputException(Reason.RAGGED_ROW, "row has " + size + " fields, the header has "
                        + width, source, row, size < width ? names[size] : "#" + (width + 1));
            }
            String[] md = new String[metaColumns.length];
            for (int k = 0; k < metaColumns.length; k++) {
                md[k] = r.getField(metaColumns[k]);
            }
            meta.add(md);
            int base = inBlock * m;
            for (int c = 0; c < m; c++) {
                block[base + c] = parseValue(r.getField(featureColumns[c]), source, row, featureNames[c]);
            }
            if (rows == sourceRows.length) {
                sourceRows = Arrays.copyOf(sourceRows, rows * 2);
            }
            sourceRows[rows++] = row;
            if (++inBlock == BLOCK_ROWS) {
                blocks.add(block);
                block = new double[BLOCK_ROWS * m];
                inBlock = 0;
            }
        }
        if (rows == 0) {
            throw new InvalidInputException(Reason.NO_ROWS, "the file has a header but no data rows", source, 0, null);
        }
        double[] values = new double[rows * m];
        int off = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, values, off, b.length);
            off += b.length;
        }
        System.arraycopy(block, 0, values, off, inBlock * m);
        return new FeatureTable(source, metaNames, meta.toArray(String[][]::new), featureNames, values,
                Arrays.copyOf(sourceRows, rows));
    }

    private static boolean isBlank(CsvRecord r) {
        return r.getFieldCount() == 1 && r.getField(0).isBlank();
    }

    static double parseValue(String text, String source, long row, String column) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(Reason.BAD_VALUE, "empty feature value", source, row, column);
        }
        char last = t.charAt(t.length() - 1);
        if (Character.isLetter(last) || t.startsWith("0x") || t.startsWith("-0x") || t.startsWith("+0x")) {
            if (t.equalsIgnoreCase("nan") || t.toLowerCase().contains("inf")) {
                throw new InvalidInputException(Reason.BAD_VALUE, "feature value '" + text + "' is not finite",
                        source, row, column);
            }
            throw new InvalidInputException(Reason.BAD_VALUE, "feature value '" + text + "' is not a number",
                    source, row, column);
        }
        double v;
        try {
            v = NumberInput.parseDouble(t, true); // the same correctly rounded double, several times faster
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Reason.BAD_VALUE, "feature value '" + text + "' is not a number",
                    source, row, column);
        }
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(Reason.BAD_VALUE, "feature value '" + text + "' is not finite",
                    source, row, column);
        }
        return v;
    }
}
