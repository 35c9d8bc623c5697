package com.dinsight.app.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.evolution.StoredEvents.StoredEvent;
import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.ReadModelReplay;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A monitoring post of one row is stored as MonitoringRecorded revision 2, its row packed as bytes.
 * The same event as revision 1 wrote it (the row as JSON numbers), put straight into the event
 * store, is projected and replayed into monitor_data with exactly the same doubles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class StoredMonitoringRevision1Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONITORING_RECORDED = "com.dinsight.api.monitoring.MonitoringRecorded";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_small_post_is_stored_packed_and_a_revision_1_event_projects_and_replays_to_the_same_values() throws Exception {
        ApiClient api = new ApiClient(port);
        TestUsers.signUp(api, "admin");
        ApiClient owner = api.as(TestUsers.signUp(api, "owner").accessToken());
        String dinsightId = Baselines.ready(owner).dinsightId();

        ObjectNode body = MonitoringData.rows(3, 1);
        Response posted = owner.postJson("/api/v1/monitor/" + dinsightId, body.toString());
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        UUID postedId = UUID.fromString(posted.json().at("/points/0/monitor_id").asText());
        double[] sent = features(body);

        StoredEvent stored = lastMonitoringRecorded(dinsightId);
        assertThat(stored.revision()).isEqualTo("2");
        ObjectNode revision2 = (ObjectNode) JSON.readTree(stored.payload());
        assertThat(revision2.has("rawRows")).isFalse();
        assertThat(unpacked(revision2.get("inlineValues").asText())).containsExactly(sent);
        await().atMost(PATIENCE).until(() -> storedValues(postedId) != null);
        assertThat(storedValues(postedId)).containsExactly(sent);
        // the audit row says what happened without the packed row
        await().atMost(PATIENCE).until(() -> auditedCharacters(dinsightId) != null);
        assertThat(auditedCharacters(dinsightId)).isEqualTo(revision2.get("inlineValues").asText().length());

        // revision 1 of the same post, as another point: the row as an array of JSON numbers
        UUID oldId = UUID.randomUUID();
        ObjectNode revision1 = revision2.deepCopy();
        ObjectNode point = (ObjectNode) revision1.at("/points/0");
        point.put("monitorId", oldId.toString());
        point.put("processOrder", point.get("processOrder").asInt() + 1);
        point.putNull("anomalyId");
        point.put("anomalous", false);
        point.putNull("severity");
        revision1.remove("inlineValues");
        ArrayNode row = revision1.putArray("rawRows").addArray();
        for (double value : sent) {
            row.add(value);
        }
        appendRevision1(dinsightId, revision1.toString(), stored);

        await().atMost(PATIENCE).until(() -> storedValues(oldId) != null);
        assertThat(storedValues(oldId)).containsExactly(sent);

        // the baseline cached by the command side did not see that event (as if another node wrote
        // it): the next post conflicts once, is retried on the reloaded baseline and numbered after it
        Response next = owner.postJson("/api/v1/monitor/" + dinsightId, body.toString());
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().at("/points/0/process_order").asInt()).isEqualTo(point.get("processOrder").asInt() + 1);

        StreamingEventProcessor readModel = ReadModelReplay.restart(processing,
                () -> assertThat(storedValues(oldId)).isNull());
        await().atMost(Duration.ofSeconds(60)).until(() -> ReadModelReplay.caughtUp(readModel,
                () -> storedValues(oldId) != null && storedValues(postedId) != null));
        assertThat(storedValues(oldId)).containsExactly(sent);
        assertThat(storedValues(postedId)).containsExactly(sent);
    }

    private static double[] features(ObjectNode body) {
        JsonNode features = body.at("/rows/0/features");
        double[] values = new double[features.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = features.get("f_" + i).doubleValue();
        }
        return values;
    }

    private static double[] unpacked(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        double[] values = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(values);
        return values;
    }

    private double[] storedValues(UUID monitorId) {
        List<double[]> values = jdbc.sql("SELECT monitor_values FROM monitor_data WHERE id = ?").param(monitorId)
                .query((rs, n) -> {
                    Array array = rs.getArray(1);
                    Double[] boxed = (Double[]) array.getArray();
                    double[] unboxed = new double[boxed.length];
                    for (int i = 0; i < boxed.length; i++) {
                        unboxed[i] = boxed[i];
                    }
                    return unboxed;
                }).list();
        return values.isEmpty() ? null : values.get(0);
    }

    private Integer auditedCharacters(String dinsightId) {
        return jdbc.sql("""
                        SELECT (changes -> 'inlineValues' ->> 'omitted_characters')::int FROM audit_logs
                        WHERE action = 'MonitoringRecorded' AND resource_id = ?::uuid""")
                .param(dinsightId).query(Integer.class).optional().orElse(null);
    }

    private StoredEvent lastMonitoringRecorded(String dinsightId) {
        return new StoredEvents(jdbc).last(dinsightId, MONITORING_RECORDED);
    }

    private void appendRevision1(String dinsightId, String payload, StoredEvent template) {
        new StoredEvents(jdbc).append("MonitoredBaseline", dinsightId, MONITORING_RECORDED, "1", payload, template);
    }
}
