package com.dinsight.command.dataset;

import com.dinsight.api.Caller;
import com.dinsight.api.dataset.CreateDataset;
import com.dinsight.api.dataset.DatasetCreated;
import com.dinsight.api.dataset.DatasetDeactivated;
import com.dinsight.api.dataset.DatasetDeleted;
import com.dinsight.api.dataset.DatasetUpdated;
import com.dinsight.api.dataset.DeactivateDataset;
import com.dinsight.api.dataset.DeleteDataset;
import com.dinsight.api.dataset.UpdateDataset;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.Refused;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T12:00:00Z");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final Caller OWNER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "user");
    private static final Caller STRANGER = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000b"), "user");
    private static final Caller ADMIN = new Caller(UUID.fromString("00000000-0000-0000-0000-00000000000c"), "admin");
    private static final DatasetCreated CREATED = new DatasetCreated(DATASET, OWNER.userId(), "Pump 7", "bearing",
            List.of("pump"), Map.of("site", "north"), EARLIER);

    private AggregateTestFixture<Dataset> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dataset.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void creating_a_dataset_records_its_owner_and_fields() {
        fixture.givenNoPriorActivity()
                .when(new CreateDataset(DATASET, OWNER, " Pump 7 ", "bearing", List.of("pump"), Map.of("site", "north")))
                .expectEvents(new DatasetCreated(DATASET, OWNER.userId(), "Pump 7", "bearing", List.of("pump"),
                        Map.of("site", "north"), NOW));
    }

    @Test
    void a_dataset_needs_a_name_and_sane_tags() {
        fixture.givenNoPriorActivity()
                .when(new CreateDataset(DATASET, OWNER, " ", null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "name"));
        fixture.givenNoPriorActivity()
                .when(new CreateDataset(DATASET, OWNER, "ok", null, List.of("fine", ""), null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.VALIDATION_ERROR, "tags[1]"));
    }

    @Test
    void the_owner_updates_and_fields_left_out_keep_their_values() {
        fixture.given(CREATED)
                .when(new UpdateDataset(DATASET, OWNER, null, "new description", null, null))
                .expectEvents(new DatasetUpdated(DATASET, "Pump 7", "new description", List.of("pump"),
                        Map.of("site", "north"), NOW));
    }

    @Test
    void another_user_is_told_the_dataset_does_not_exist_and_an_admin_may_act() {
        fixture.given(CREATED)
                .when(new UpdateDataset(DATASET, STRANGER, "mine now", null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
        fixture.given(CREATED)
                .when(new DeleteDataset(DATASET, STRANGER))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
        fixture.given(CREATED)
                .when(new DeactivateDataset(DATASET, ADMIN))
                .expectEvents(new DatasetDeactivated(DATASET, NOW));
    }

    @Test
    void a_deleted_dataset_answers_as_if_it_never_existed() {
        fixture.given(CREATED)
                .when(new DeleteDataset(DATASET, OWNER))
                .expectEvents(new DatasetDeleted(DATASET, NOW));
        fixture.given(CREATED, new DatasetDeleted(DATASET, EARLIER))
                .when(new UpdateDataset(DATASET, OWNER, "back", null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(Refused.with(ErrorCode.NOT_FOUND, null));
    }
}
