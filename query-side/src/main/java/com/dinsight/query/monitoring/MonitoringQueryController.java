package com.dinsight.query.monitoring;

import com.dinsight.api.Caller;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.api.monitoring.MonitoringQueries.AnomalyPage;
import com.dinsight.api.monitoring.MonitoringQueries.CompareMonitoring;
import com.dinsight.api.monitoring.MonitoringQueries.Comparison;
import com.dinsight.api.monitoring.MonitoringQueries.Coordinates;
import com.dinsight.api.monitoring.MonitoringQueries.FetchAnomalies;
import com.dinsight.api.monitoring.MonitoringQueries.FetchMonitorCoordinates;
import com.dinsight.api.monitoring.MonitoringQueries.FetchMonitorPoints;
import com.dinsight.api.monitoring.MonitoringQueries.FetchThresholds;
import com.dinsight.api.monitoring.MonitoringQueries.MonitorPointPage;
import com.dinsight.api.monitoring.Thresholds;
import com.dinsight.query.web.PageRequest;
import com.dinsight.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Monitoring and anomalies")
class MonitoringQueryController {

    record CompareRequest(UUID dinsightId, Double anomalyThreshold, Double sensitivityFactor) {
    }

    private static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");

    private final QueryGateway queries;

    MonitoringQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/monitor/{dinsightId}")
    @Operation(summary = "A baseline's monitoring points in process order, paged")
    MonitorPointPage points(@AuthenticationPrincipal Caller caller, @PathVariable UUID dinsightId,
                            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return found(queries.query(new FetchMonitorPoints(caller, dinsightId, request.page(), request.size()),
                ResponseTypes.optionalInstanceOf(MonitorPointPage.class)).join(), dinsightId);
    }

    @GetMapping("/api/v1/monitor/{dinsightId}/coordinates")
    @Operation(summary = "The 2D points of a baseline's monitoring rows, in process order")
    Coordinates coordinates(@AuthenticationPrincipal Caller caller, @PathVariable UUID dinsightId) {
        return found(queries.query(new FetchMonitorCoordinates(caller, dinsightId),
                ResponseTypes.optionalInstanceOf(Coordinates.class)).join(), dinsightId);
    }

    @PostMapping("/api/v1/analytics/anomaly-detection")
    @Operation(summary = "The comparison summary of a baseline's monitoring points, with the dataset's thresholds "
            + "or the ones given")
    Comparison compare(@AuthenticationPrincipal Caller caller, @RequestBody CompareRequest body) {
        if (body.dinsightId() == null) {
            throw ApiException.invalid(List.of(new FieldError("dinsight_id", "is required")));
        }
        if (body.anomalyThreshold() != null && !(body.anomalyThreshold() > 0 && Double.isFinite(body.anomalyThreshold()))) {
            throw ApiException.invalid(List.of(new FieldError("anomaly_threshold", "must be a finite number greater than 0")));
        }
        if (body.sensitivityFactor() != null && !(body.sensitivityFactor() > 0 && Double.isFinite(body.sensitivityFactor()))) {
            throw ApiException.invalid(List.of(new FieldError("sensitivity_factor", "must be a finite number greater than 0")));
        }
        return found(queries.query(new CompareMonitoring(caller, body.dinsightId(), body.anomalyThreshold(),
                body.sensitivityFactor()), ResponseTypes.optionalInstanceOf(Comparison.class)).join(), body.dinsightId());
    }

    @GetMapping("/api/v1/anomalies")
    @Operation(summary = "Anomalies of the caller's datasets, newest first; filters dataset_id, severity, acknowledged, from, to")
    AnomalyPage anomalies(@AuthenticationPrincipal Caller caller,
                          @RequestParam(name = "dataset_id", required = false) UUID datasetId,
                          @RequestParam(required = false) String severity,
                          @RequestParam(required = false) Boolean acknowledged,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw ApiException.invalid(List.of(new FieldError("severity", "must be one of low, medium, high, critical")));
        }
        PageRequest request = PageRequest.of(page, size);
        return queries.query(new FetchAnomalies(caller, datasetId, severity, acknowledged, QueryParameters.instant("from", from),
                QueryParameters.instant("to", to), request.page(), request.size()), AnomalyPage.class).join();
    }

    @GetMapping("/api/v1/analytics/thresholds/{datasetId}")
    @Operation(summary = "A dataset's anomaly_threshold (null: calibrated per baseline) and sensitivity_factor")
    Thresholds thresholds(@AuthenticationPrincipal Caller caller, @PathVariable UUID datasetId) {
        return found(queries.query(new FetchThresholds(caller, datasetId),
                ResponseTypes.optionalInstanceOf(Thresholds.class)).join(), datasetId);
    }


    private static <T> T found(Optional<T> value, UUID id) {
        return value.orElseThrow(() -> new NotFoundException(id + " does not exist"));
    }
}
