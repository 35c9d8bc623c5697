package com.dinsight.app.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.api.identity.RoleChanged;
import com.dinsight.app.axon.AxonSerializationConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** The upcaster on raw JSON as the event store holds it, deserialized by the application's serializer. */
class RoleChangedUpcasterTest {

    private static final UUID USER = UUID.fromString("7d1c1f0e-54c4-4b8e-9d59-0f7c3a1e2b10");
    private static final UUID ADMIN = UUID.fromString("0b5e6a2c-8f3d-4e71-a0c9-5d2f4b6e8a01");
    private static final String REVISION_1_JSON = """
            {"userId":"7d1c1f0e-54c4-4b8e-9d59-0f7c3a1e2b10","role":"admin",\
            "changedBy":"0b5e6a2c-8f3d-4e71-a0c9-5d2f4b6e8a01","changedAt":"2026-03-01T09:30:00.123456Z"}""";

    private final Serializer serializer = new AxonSerializationConfiguration().serializer();
    private final RoleChangedUpcaster upcaster = new RoleChangedUpcaster();

    @Test
    void revision_1_becomes_revision_2_its_role_the_new_role_and_no_previous_role() {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored(REVISION_1_JSON, "1"))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(upcast.get(0).getData(com.fasterxml.jackson.databind.JsonNode.class).getData().toString())
                .isEqualTo("{\"userId\":\"7d1c1f0e-54c4-4b8e-9d59-0f7c3a1e2b10\",\"previousRole\":null,"
                        + "\"newRole\":\"admin\",\"changedBy\":\"0b5e6a2c-8f3d-4e71-a0c9-5d2f4b6e8a01\","
                        + "\"changedAt\":\"2026-03-01T09:30:00.123456Z\"}");
        RoleChanged event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new RoleChanged(USER, null, "admin", ADMIN,
                Instant.parse("2026-03-01T09:30:00.123456Z")));
    }

    @Test
    void revision_2_and_other_events_pass_untouched() {
        RoleChanged current = new RoleChanged(USER, "admin", "user", ADMIN, Instant.parse("2026-03-02T10:00:00Z"));
        SerializedObject<byte[]> serialized = serializer.serialize(current, byte[].class);
        assertThat(serialized.getType().getRevision()).isEqualTo("2");
        InitialEventRepresentation revision2 = stored(new String(serialized.getData(), StandardCharsets.UTF_8), "2");

        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(revision2)).toList();

        assertThat(upcast).containsExactly(revision2);
        assertThat((RoleChanged) serializer.deserialize(upcast.get(0).getData())).isEqualTo(current);
    }

    private InitialEventRepresentation stored(String json, String revision) {
        DomainEventData<byte[]> entry = new GenericDomainEventEntry<>("User", USER.toString(), 3,
                UUID.randomUUID().toString(), Instant.parse("2026-03-01T09:30:00.123456Z"), RoleChanged.class.getName(),
                revision, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
