package com.dinsight.command.dataset;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.dataset.CheckDatasetAccess;
import com.dinsight.api.dataset.CreateDataset;
import com.dinsight.api.dataset.DatasetCreated;
import com.dinsight.api.dataset.DatasetDeactivated;
import com.dinsight.api.dataset.DatasetDeleted;
import com.dinsight.api.dataset.DatasetUpdated;
import com.dinsight.api.dataset.DeactivateDataset;
import com.dinsight.api.dataset.DeleteDataset;
import com.dinsight.api.dataset.UpdateDataset;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.command.error.Refusals;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's dataset. Only its owner and admins may change it; anyone else is told it does not
 * exist, so dataset ids cannot be probed. A deleted dataset answers as if it never existed.
 */
@Aggregate
class Dataset {

    @AggregateIdentifier
    private UUID datasetId;
    private UUID ownerId;
    private String name;
    private String description;
    private List<String> tags;
    private Map<String, Object> metadata;
    private boolean active;
    private boolean deleted;

    Dataset() {
        // for Axon
    }

    @CommandHandler
    Dataset(CreateDataset command, Clock clock) {
        refuseInvalid(DatasetRules.violations(command.name(), true, command.tags()));
        apply(new DatasetCreated(command.datasetId(), command.owner().userId(), command.name().trim(),
                command.description(), command.tags() == null ? List.of() : List.copyOf(command.tags()),
                command.metadata() == null ? Map.of() : command.metadata(), clock.instant()));
    }

    @CommandHandler
    DatasetUpdated handle(UpdateDataset command, Clock clock) {
        requireVisibleTo(command.caller());
        refuseInvalid(DatasetRules.violations(command.name(), false, command.tags()));
        DatasetUpdated updated = new DatasetUpdated(datasetId,
                command.name() != null ? command.name().trim() : name,
                command.description() != null ? command.description() : description,
                command.tags() != null ? List.copyOf(command.tags()) : tags,
                command.metadata() != null ? command.metadata() : metadata,
                clock.instant());
        apply(updated);
        return updated;
    }

    @CommandHandler
    void handle(DeactivateDataset command, Clock clock) {
        requireVisibleTo(command.caller());
        if (active) {
            apply(new DatasetDeactivated(datasetId, clock.instant()));
        }
    }

    /** Only answers: succeeds when the caller may use this dataset, refuses as not found otherwise. */
    @CommandHandler
    void handle(CheckDatasetAccess command) {
        requireVisibleTo(command.caller());
    }

    @CommandHandler
    void handle(DeleteDataset command, Clock clock) {
        requireVisibleTo(command.caller());
        apply(new DatasetDeleted(datasetId, clock.instant()));
    }

    private void requireVisibleTo(Caller caller) {
        if (deleted || !(caller.isAdmin() || caller.userId().equals(ownerId))) {
            throw Refusals.refuse(new BusinessError(ErrorCode.NOT_FOUND, "Dataset " + datasetId + " does not exist",
                    List.of()));
        }
    }

    private static void refuseInvalid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Refusals.invalid(errors);
        }
    }

    @EventSourcingHandler
    void on(DatasetCreated event) {
        datasetId = event.datasetId();
        ownerId = event.ownerId();
        name = event.name();
        description = event.description();
        tags = event.tags();
        metadata = event.metadata();
        active = true;
    }

    @EventSourcingHandler
    void on(DatasetUpdated event) {
        name = event.name();
        description = event.description();
        tags = event.tags();
        metadata = event.metadata();
    }

    @EventSourcingHandler
    void on(DatasetDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(DatasetDeleted event) {
        deleted = true;
    }
}
