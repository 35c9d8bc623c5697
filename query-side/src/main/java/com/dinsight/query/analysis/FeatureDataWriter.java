package com.dinsight.query.analysis;

import com.dinsight.engine.FeatureTable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Bulk-inserts an upload's table into {@code feature_data}, one row per table row: the row as a
 * 1 x M {@code FLOAT[][]}, its metadata columns as a JSON object, its 0-based {@code row_index}, and
 * an id derived from (upload, row index), so a replay writes identical rows. Runs on the current
 * transaction's connection, so the rows commit with the processor's token or not at all.
 *
 * <p>The projection uses {@link Method#COPY_BINARY}, the fastest of the four measured
 * (FeatureDataBulkInsertProjectionTest, docs/analysis-read-model.md); the others stay to be
 * measured against, and every method writes identical rows.
 */
@Component
public class FeatureDataWriter {

    /** How the rows travel to PostgreSQL. */
    public enum Method {
        /** {@code COPY ... FROM STDIN} in text format, flushed every ~1 MB. */
        COPY,
        /** {@code COPY ... FROM STDIN (FORMAT binary)}: no number formatting or parsing, flushed every ~1 MB. */
        COPY_BINARY,
        /** A JDBC batch of INSERTs, each row's values as an array literal cast to FLOAT[][]. */
        BATCH_TEXT,
        /** A JDBC batch of INSERTs, each row's values a {@code double[]} parameter (the driver's array encoding). */
        BATCH_ARRAY
    }

    static final String COLUMNS = "id, file_upload_id, row_index, feature_values, metadata, created_at";
    private static final int COPY_FLUSH_BYTES = 1 << 20;
    private static final int BATCH_ROWS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public FeatureDataWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id of row {@code rowIndex} of an upload's table: the same on every replay. */
    public static UUID rowId(UUID fileUploadId, int rowIndex) {
        return UUID.nameUUIDFromBytes((fileUploadId + ":" + rowIndex).getBytes(StandardCharsets.UTF_8));
    }

    /** Inserts every row of {@code table}; answers the number of rows written. */
    public int write(Method method, UUID fileUploadId, FeatureTable table, Instant createdAt) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return switch (method) {
                case COPY -> copy(connection, fileUploadId, table, createdAt);
                case COPY_BINARY -> copyBinary(connection, fileUploadId, table, createdAt);
                case BATCH_TEXT, BATCH_ARRAY -> batch(connection, method, fileUploadId, table, createdAt);
            };
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static int copy(Connection connection, UUID fileUploadId, FeatureTable table, Instant createdAt)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY feature_data (" + COLUMNS + ") FROM STDIN");
        try {
            String upload = fileUploadId.toString();
            String created = createdAt.toString();
            List<String> metadataNames = table.metadataNames();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_FLUSH_BYTES + (1 << 16));
            StringBuilder line = new StringBuilder(32 * table.features());
            for (int r = 0; r < table.rows(); r++) {
                line.setLength(0);
                line.append(rowId(fileUploadId, r)).append('\t').append(upload).append('\t').append(r).append('\t');
                appendValues(line, table, r);
                line.append('\t');
                // COPY's text format: a backslash is an escape; JSON has no raw tabs or line breaks.
                line.append(metadataJson(metadataNames, table.metadata(r)).replace("\\", "\\\\"));
                line.append('\t').append(created).append('\n');
                buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                if (buffer.size() >= COPY_FLUSH_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            return (int) copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FLOAT8_OID = 701;
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01T00:00:00Z

    /**
     * COPY's binary format: a signature, then per row a field count and each field as length and
     * bytes in PostgreSQL's binary form (uuid 16 bytes, int4, a float8 array with its dimensions,
     * jsonb as version 1 and the text, timestamptz as microseconds since 2000), then -1.
     */
    private static int copyBinary(Connection connection, UUID fileUploadId, FeatureTable table, Instant createdAt)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY feature_data (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
        try {
            int m = table.features();
            // PostgreSQL keeps microseconds and rounds finer input to the nearest, as here.
            long created = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                    (createdAt.getNano() + 500) / 1_000) - POSTGRES_EPOCH_MICROS;
            List<String> metadataNames = table.metadataNames();
            ByteBuffer buffer = ByteBuffer.allocate(COPY_FLUSH_BYTES + 64 + 12 * m + (1 << 16));
            buffer.put(BINARY_SIGNATURE).putInt(0).putInt(0);
            for (int r = 0; r < table.rows(); r++) {
                byte[] metadata = metadataJson(metadataNames, table.metadata(r)).getBytes(StandardCharsets.UTF_8);
                if (buffer.remaining() < 128 + 12 * m + metadata.length) {
                    flush(copy, buffer);
                    if (buffer.remaining() < 128 + 12 * m + metadata.length) {
                        buffer = ByteBuffer.allocate(2 * (128 + 12 * m + metadata.length));
                    }
                }
                buffer.putShort((short) 6);
                putUuid(buffer, rowId(fileUploadId, r));
                putUuid(buffer, fileUploadId);
                buffer.putInt(4).putInt(r);
                buffer.putInt(20 + 8 + 12 * m) // ndim, flags, element type, then (size, lower bound) per dimension
                        .putInt(2).putInt(0).putInt(FLOAT8_OID).putInt(1).putInt(1).putInt(m).putInt(1);
                for (int c = 0; c < m; c++) {
                    buffer.putInt(8).putDouble(table.value(r, c));
                }
                buffer.putInt(1 + metadata.length).put((byte) 1).put(metadata);
                buffer.putInt(8).putLong(created);
            }
            if (buffer.remaining() < 2) {
                flush(copy, buffer);
            }
            buffer.putShort((short) -1);
            flush(copy, buffer);
            return (int) copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void putUuid(ByteBuffer buffer, UUID id) {
        buffer.putInt(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static void flush(CopyIn copy, ByteBuffer buffer) throws SQLException {
        copy.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private static int batch(Connection connection, Method method, UUID fileUploadId, FeatureTable table,
                             Instant createdAt) throws SQLException {
        String values = method == Method.BATCH_TEXT ? "?::float8[][]" : "ARRAY[?::float8[]]";
        List<String> metadataNames = table.metadataNames();
        Timestamp created = Timestamp.from(createdAt);
        int written = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feature_data (" + COLUMNS
                + ") VALUES (?, ?, ?, " + values + ", ?::jsonb, ?)")) {
            StringBuilder literal = new StringBuilder(32 * table.features());
            for (int r = 0; r < table.rows(); r++) {
                insert.setObject(1, rowId(fileUploadId, r));
                insert.setObject(2, fileUploadId);
                insert.setInt(3, r);
                if (method == Method.BATCH_TEXT) {
                    literal.setLength(0);
                    appendValues(literal, table, r);
                    insert.setString(4, literal.toString());
                } else {
                    insert.setObject(4, table.row(r));
                }
                insert.setString(5, metadataJson(metadataNames, table.metadata(r)));
                insert.setTimestamp(6, created);
                insert.addBatch();
                if ((r + 1) % BATCH_ROWS == 0) {
                    written += sum(insert.executeBatch());
                }
            }
            written += sum(insert.executeBatch());
        }
        return written;
    }

    /** Row r as the text of a 1 x M array: {@code {{v1,v2,...}}}; Java's shortest exact form, which PostgreSQL reads back exactly. */
    private static void appendValues(StringBuilder out, FeatureTable table, int r) {
        out.append("{{");
        for (int c = 0; c < table.features(); c++) {
            if (c > 0) {
                out.append(',');
            }
            out.append(table.value(r, c));
        }
        out.append("}}");
    }

    static String metadataJson(List<String> names, List<String> values) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            metadata.put(Text.clean(names.get(c)), Text.clean(values.get(c)));
        }
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int n : counts) {
            total += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
        }
        return total;
    }
}
