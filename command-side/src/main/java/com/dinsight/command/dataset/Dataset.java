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
import com.dinsight.api.monitoring.ResolveThresholds;
import com.dinsight.api.monitoring.SetThresholds;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.api.monitoring.ThresholdsChanged;
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
@Aggregate(cache = "datasetCache")
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
    private Double anomalyThreshold;
    private double sensitivityFactor = 1.0;

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

    /** Only answers: the owner when the caller may use this dataset, refused as not found otherwise. */
    @CommandHandler
    UUID handle(CheckDatasetAccess command) {
        requireVisibleTo(command.caller());
        return ownerId;
    }

    @CommandHandler
    Thresholds handle(ResolveThresholds command) {
        requireVisibleTo(command.caller());
        return new Thresholds(datasetId, anomalyThreshold, sensitivityFactor);
    }

    /** New thresholds apply to points received afterwards; points already scored keep theirs. */
    @CommandHandler
    Thresholds handle(SetThresholds command, Clock clock) {
        requireVisibleTo(command.caller());
        List<FieldError> errors = new java.util.ArrayList<>();
        if (command.anomalyThreshold() != null
                && !(command.anomalyThreshold() > 0 && Double.isFinite(command.anomalyThreshold()))) {
            errors.add(new FieldError("anomaly_threshold", "must be a finite number greater than 0, or null for calibrated"));
        }
        if (!(command.sensitivityFactor() > 0 && Double.isFinite(command.sensitivityFactor()))) {
            errors.add(new FieldError("sensitivity_factor", "must be a finite number greater than 0"));
        }
        refuseInvalid(errors);
        apply(new ThresholdsChanged(datasetId, command.anomalyThreshold(), command.sensitivityFactor(),
                command.caller().userId(), clock.instant()));
        return new Thresholds(datasetId, command.anomalyThreshold(), command.sensitivityFactor());
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
    void on(ThresholdsChanged event) {
        anomalyThreshold = event.anomalyThreshold();
        sensitivityFactor = event.sensitivityFactor();
    }

    @EventSourcingHandler
    void on(DatasetDeleted event) {
        deleted = true;
    }
}
