package com.dinsight.api.monitoring;

import com.dinsight.api.analysis.StoredFile;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.nio.DoubleBuffer;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Monitoring points were placed on a baseline, with process orders first..first+n-1 (gap-free per
 * baseline). Large posts become several of these events (at most 500 points each, so no event
 * passes 1 MB); their raw rows are in the {@code rawValues} blob, from row {@code rawOffset} on.
 * Small posts carry their raw rows in {@code inlineValues} instead (no blob, no file sync per post):
 * the rows' {@code features} doubles each, row after row, as IEEE 754 big-endian bytes in base64
 * (about 11 KB for a row of 1,024 features where JSON numbers took 20 KB and far more time to write
 * and read). It is kept as text until a reader asks for a row, so readers that never do (the alert
 * policy, the audit log, the snapshotter) only copy it. Revision 1 carried the rows as JSON arrays
 * ({@code rawRows}); see MonitoringRecordedUpcaster.
 */
@Revision("2")
public record MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                                 StoredFile rawValues, int rawOffset, int features, Instant recordedAt,
                                 String inlineValues) {

    /** A batch whose raw rows are in a blob. */
    public MonitoringRecorded(UUID dinsightId, UUID analysisId, UUID datasetId, List<MonitoringPoint> points,
                              StoredFile rawValues, int rawOffset, int features, Instant recordedAt) {
        this(dinsightId, analysisId, datasetId, points, rawValues, rawOffset, features, recordedAt, null);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of row-major values, packed for {@code inlineValues}. */
    public static String pack(double[] rowMajor, int features, int from, int to) {
        ByteBuffer bytes = ByteBuffer.allocate((to - from) * features * Double.BYTES);
        bytes.asDoubleBuffer().put(rowMajor, from * features, (to - from) * features);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** All inline rows, row-major: {@code features} values per point. */
    public double[] inlineRows() {
        DoubleBuffer doubles = ByteBuffer.wrap(Base64.getDecoder().decode(inlineValues)).asDoubleBuffer();
        double[] values = new double[doubles.remaining()];
        doubles.get(values);
        return values;
    }

    @Override
    public String toString() {
        return "MonitoringRecorded[dinsightId=" + dinsightId + ", analysisId=" + analysisId + ", datasetId=" + datasetId
                + ", points=" + points.size() + ", rawValues=" + rawValues + ", rawOffset=" + rawOffset + ", features="
                + features + ", recordedAt=" + recordedAt + ", inlineValues="
                + (inlineValues == null ? "null" : inlineValues.length() + " characters") + "]";
    }
}
