package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Monitoring points were placed on a baseline, with process orders first..first+n-1 (gap-free per
 * baseline). Large posts become several of these events (at most 500 points each, so no event
 * passes 1 MB); their raw rows are in the {@code rawValues} blob, from row {@code rawOffset} on.
 * Small posts carry their raw rows in {@code inlineValues} instead (no blob, no file sync per post):
 * the rows' {@code features} doubles each, row after row, as IEEE 754 big-endian bytes, which JSON
 * carries in base64 (about 11 KB for a row of 1,024 features where JSON numbers took 20 KB and far
 * more time to write and read). They are bytes, not text, in memory: Jackson encodes and decodes
 * them straight from its buffers, where a string cost a copy of twice its length at each end
 * (decision 43); the stored form is the same. Revision 1 carried the rows as JSON arrays
 * ({@code rawRows}); see MonitoringRecordedUpcaster.
 */
@Revision("2")
public record MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                                 StoredFile rawValues, int rawOffset, int features, Instant recordedAt,
                                 byte[] inlineValues) {

    /** A batch whose raw rows are in a blob. */
    public MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                              StoredFile rawValues, int rawOffset, int features, Instant recordedAt) {
        this(dinsightId, analysisId, datasetId, points, rawValues, rawOffset, features, recordedAt, null);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of row-major values, packed for {@code inlineValues}. */
    public static byte[] pack(double[] rowMajor, int features, int from, int to) {
        ByteBuffer bytes = ByteBuffer.allocate((to - from) * features * Double.BYTES);
        bytes.asDoubleBuffer().put(rowMajor, from * features, (to - from) * features);
        return bytes.array();
    }

    /** All inline rows, row-major: {@code features} values per point. */
    public double[] inlineRows() {
        DoubleBuffer doubles = ByteBuffer.wrap(inlineValues).asDoubleBuffer();
        double[] values = new double[doubles.remaining()];
        doubles.get(values);
        return values;
    }

    /** The inline rows compare by content, not by array identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MonitoringRecorded that && dinsightId.equals(that.dinsightId)
                && Objects.equals(analysisId, that.analysisId) && Objects.equals(datasetId, that.datasetId)
                && points.equals(that.points) && Objects.equals(rawValues, that.rawValues) && rawOffset == that.rawOffset
                && features == that.features && Objects.equals(recordedAt, that.recordedAt)
                && Arrays.equals(inlineValues, that.inlineValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dinsightId, analysisId, datasetId, points, rawValues, rawOffset, features, recordedAt)
                * 31 + Arrays.hashCode(inlineValues);
    }

    @Override
    public String toString() {
        return "MonitoringRecorded[dinsightId=" + dinsightId + ", analysisId=" + analysisId + ", datasetId=" + datasetId
                + ", points=" + points.size() + ", rawValues=" + rawValues + ", rawOffset=" + rawOffset + ", features="
                + features + ", recordedAt=" + recordedAt + ", inlineValues="
                + (inlineValues == null ? "null" : inlineValues.length + " bytes") + "]";
    }
}
