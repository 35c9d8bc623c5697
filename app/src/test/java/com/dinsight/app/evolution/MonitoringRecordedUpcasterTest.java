package com.dinsight.app.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.monitoring.MonitoringRecorded;
import com.dinsight.app.axon.AxonSerializationConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** The upcaster on raw JSON as revision 1 stored it, read back by the application's serializer. */
class MonitoringRecordedUpcasterTest {

    private static final String DINSIGHT = "5b0c7e1a-3f2d-4c8b-9a61-2e7d4f0b8c13";
    private static final String POINT = """
            {"monitorId":"0f3e2d1c-4b5a-4968-8776-a5b4c3d2e1f0","processOrder":7,"timestamp":"2026-11-26T08:00:00Z",\
            "x":0.25,"y":-1.5,"mahalanobisDistance":2.0,"zmax":1.2,"anomalous":false,"severity":null,\
            "mdThreshold":3.5,"zThreshold":4.0,"contributing":[],"metadata":{"machine":"m1"},"anomalyId":null}""";
    private static final double[][] ROWS = {
            {0.1, -0.0, 1.7976931348623157E308, 4.9E-324, 123456.789},
            {-2.5E-300, 1.0, 0.30000000000000004, -7.0, 6.02214076E23}};

    private final Serializer serializer = new AxonSerializationConfiguration().serializer();
    private final MonitoringRecordedUpcaster upcaster = new MonitoringRecordedUpcaster();

    @Test
    void revision_1_rows_of_json_numbers_become_the_same_doubles_packed() {
        StringBuilder rows = new StringBuilder("[");
        for (double[] row : ROWS) {
            rows.append(rows.length() > 1 ? "," : "").append('[');
            for (int i = 0; i < row.length; i++) {
                rows.append(i > 0 ? "," : "").append(row[i]);
            }
            rows.append(']');
        }
        rows.append(']');

        MonitoringRecorded event = upcast(revision1(rows.toString(), POINT + "," + POINT.replace("\"processOrder\":7",
                "\"processOrder\":8")));

        assertThat(event.features()).isEqualTo(5);
        assertThat(event.points()).hasSize(2);
        assertThat(event.points().get(1).processOrder()).isEqualTo(8);
        double[] values = event.inlineRows();
        assertThat(values).hasSize(10);
        for (int i = 0; i < ROWS.length; i++) {
            for (int c = 0; c < 5; c++) {
                assertThat(Double.doubleToRawLongBits(values[i * 5 + c])).as("row %d column %d", i, c)
                        .isEqualTo(Double.doubleToRawLongBits(ROWS[i][c]));
            }
        }
    }

    @Test
    void revision_1_without_inline_rows_keeps_its_blob_and_has_no_inline_values() {
        MonitoringRecorded event = upcast(revision1("null", POINT));

        assertThat(event.inlineValues()).isNull();
        assertThat(event.rawValues().sha256()).isEqualTo("ab".repeat(32));
        assertThat(event.rawOffset()).isEqualTo(500);
    }

    @Test
    void revision_2_passes_untouched() {
        MonitoringRecorded current = upcast(revision1("[[1.5, 2.5, 3.5, 4.5, 5.5]]", POINT));
        SerializedObject<byte[]> serialized = serializer.serialize(current, byte[].class);
        assertThat(serialized.getType().getRevision()).isEqualTo("2");
        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).doesNotContain("rawRows")
                .contains("\"inlineValues\":\"");
        InitialEventRepresentation revision2 = stored(new String(serialized.getData(), StandardCharsets.UTF_8), "2");

        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(revision2)).toList();

        assertThat(upcast).containsExactly(revision2);
        assertThat((MonitoringRecorded) serializer.deserialize(upcast.get(0).getData())).isEqualTo(current);
    }

    private MonitoringRecorded upcast(String json) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored(json, "1"))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(upcast.get(0).getData(JsonNode.class).getData().has("rawRows")).isFalse();
        return serializer.deserialize(upcast.get(0).getData());
    }

    private static String revision1(String rawRows, String points) {
        return """
                {"dinsightId":"%s","analysisId":"1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",\
                "datasetId":"9a8b7c6d-5e4f-4321-8fed-cba987654321","points":[%s],\
                "rawValues":{"name":"monitoring-rows","sha256":"%s","size":4000},"rawOffset":500,"features":5,\
                "recordedAt":"2026-11-26T08:00:01.5Z","rawRows":%s}""".formatted(DINSIGHT, points, "ab".repeat(32), rawRows);
    }

    private InitialEventRepresentation stored(String json, String revision) {
        DomainEventData<byte[]> entry = new GenericDomainEventEntry<>("MonitoredBaseline", DINSIGHT, 3,
                UUID.randomUUID().toString(), Instant.parse("2026-11-26T08:00:01.5Z"), MonitoringRecorded.class.getName(),
                revision, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
