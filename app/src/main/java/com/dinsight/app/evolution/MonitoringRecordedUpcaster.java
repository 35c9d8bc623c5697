package com.dinsight.app.evolution;

import com.dinsight.api.monitoring.MonitoringRecorded;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * {@link MonitoringRecorded} revision 1 carried a small post's raw rows as JSON arrays of numbers
 * ({@code rawRows: [[...], ...]}); revision 2 carries the same doubles packed as bytes in base64
 * ({@code inlineValues}), which is what the event's writers and its four readers spent most of their
 * time on. The values are bit for bit the same: JSON held each double in its shortest exact decimal
 * form. Every other field is unchanged.
 */
@Component
public class MonitoringRecordedUpcaster extends JsonRevisionUpcaster {

    public MonitoringRecordedUpcaster() {
        super(MonitoringRecorded.class, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode event) {
        JsonNode rows = event.remove("rawRows");
        if (rows == null || rows.isNull()) {
            event.putNull("inlineValues");
        } else {
            event.put("inlineValues", packed(rows));
        }
        return event;
    }

    private static String packed(JsonNode rows) {
        int count = 0;
        for (JsonNode row : rows) {
            count += row.size();
        }
        double[] values = new double[count];
        int i = 0;
        for (JsonNode row : rows) {
            for (JsonNode value : row) {
                values[i++] = value.doubleValue();
            }
        }
        // all values as one row: the same bytes; in base64, as JSON carries the event's bytes
        return Base64.getEncoder().encodeToString(MonitoringRecorded.pack(values, count, 0, 1));
    }
}
