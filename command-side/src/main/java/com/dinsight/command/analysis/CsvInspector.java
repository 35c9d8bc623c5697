package com.dinsight.command.analysis;

import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Judges an uploaded file by its content before it is stored: text (UTF-8, no NUL bytes) with a
 * CSV header naming the configured columns. Rows are checked later by the worker, which reports
 * the file, row and column of any bad value.
 */
final class CsvInspector {

    static final int PEEK_BYTES = 1 << 20;

    private CsvInspector() {
    }

    /** The header's columns; the stream is left at its start (it must support mark/reset). */
    static List<String> header(String fileName, InputStream in, ColumnSelection columns) {
        byte[] head;
        try {
            in.mark(PEEK_BYTES + 1);
            head = in.readNBytes(PEEK_BYTES);
            in.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length == 0) {
            throw invalid(fileName, "is empty");
        }
        String text = decode(fileName, head);
        int lineEnd = text.indexOf('\n');
        if (lineEnd < 0 && head.length == PEEK_BYTES) {
            throw invalid(fileName, "has no header line within its first MiB");
        }
        List<String> header = parseHeader(fileName, lineEnd < 0 ? text : text.substring(0, lineEnd));
        require(fileName, header, columns.startDim(), "start_dim");
        require(fileName, header, columns.endDim(), "end_dim");
        require(fileName, header, columns.endMeta(), "end_meta");
        return header;
    }

    /** Several files merge only with one header: the first column that differs, named. */
    static void requireSameHeader(String firstName, List<String> first, String fileName, List<String> header) {
        for (int c = 0; c < Math.max(first.size(), header.size()); c++) {
            String expected = c < first.size() ? first.get(c) : null;
            String found = c < header.size() ? header.get(c) : null;
            if (expected == null || !expected.equals(found)) {
                throw invalid(fileName, "has another header than '" + firstName + "': column " + (c + 1) + " is "
                        + (found == null ? "missing" : "'" + found + "'") + " where '" + firstName + "' has "
                        + (expected == null ? "no column" : "'" + expected + "'"));
            }
        }
    }

    private static String decode(String fileName, byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "'" + fileName + "' is not a CSV file: it holds binary data");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head);
        CharBuffer chars = CharBuffer.allocate(head.length);
        var result = decoder.decode(bytes, chars, false);
        if (result.isError()) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "'" + fileName + "' is not a CSV file: it is not UTF-8 text");
        }
        chars.flip();
        String text = chars.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<String> parseHeader(String fileName, String line) {
        try {
            CsvRecord header = CsvReader.builder().ofSingleCsvRecord(line.replace("\r", ""));
            if (header.getFieldCount() < 2) {
                throw invalid(fileName, "has no CSV header line");
            }
            return header.getFields().stream().map(String::trim).toList();
        } catch (CsvParseException e) {
            throw invalid(fileName, "has a header that is not valid CSV: " + e.getMessage());
        }
    }

    private static void require(String fileName, List<String> header, String column, String setting) {
        if (!header.contains(column)) {
            throw invalid(fileName, "has no column '" + column + "' (the configuration's " + setting + ")");
        }
    }

    private static ApiException invalid(String fileName, String problem) {
        return ApiException.invalid(List.of(new FieldError("files", "'" + fileName + "' " + problem)));
    }
}
