package com.dinsight.query.analysis;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.AnalysisView;
import com.dinsight.api.analysis.DinsightView;
import com.dinsight.api.analysis.FeatureView;
import com.dinsight.api.analysis.FetchAnalysis;
import com.dinsight.api.analysis.FetchDinsight;
import com.dinsight.api.analysis.FetchFeatures;
import com.dinsight.api.analysis.FetchFileUpload;
import com.dinsight.api.analysis.FileUploadView;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of uploads and analyses (api.md, "Upload and analysis"). Another user's resource answers 404. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Upload and analysis")
class AnalysisQueryController {

    private final QueryGateway queries;

    AnalysisQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/analyses/{id}")
    @Operation(summary = "An analysis: status, progress (0..1), results, and the error when it failed")
    AnalysisView analysis(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ask(new FetchAnalysis(caller, id), AnalysisView.class)
                .orElseThrow(() -> new NotFoundException("Analysis " + id + " does not exist"));
    }

    @GetMapping("/file-uploads/{id}")
    @Operation(summary = "A file upload: status, error message and the files it merged")
    FileUploadView fileUpload(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ask(new FetchFileUpload(caller, id), FileUploadView.class)
                .orElseThrow(() -> new NotFoundException("File upload " + id + " does not exist"));
    }

    @GetMapping("/dinsight/{id}")
    @Operation(summary = "2D coordinates by dinsight id, or the newest of a file upload by its id")
    DinsightView dinsight(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ask(new FetchDinsight(caller, id), DinsightView.class)
                .orElseThrow(() -> new NotFoundException("No dinsight data with id or file upload id " + id));
    }

    @GetMapping("/feature/{fileUploadId}")
    @Operation(summary = "Every row of an upload's feature table, in file order")
    FeatureView features(@AuthenticationPrincipal Caller caller, @PathVariable UUID fileUploadId) {
        return features(caller, fileUploadId, 0, null);
    }

    @GetMapping("/feature/{fileUploadId}/range")
    @Operation(summary = "Rows start (inclusive, default 0) to end (exclusive, default and at most the row count)")
    FeatureView featureRange(@AuthenticationPrincipal Caller caller, @PathVariable UUID fileUploadId,
                             @RequestParam(required = false) Integer start, @RequestParam(required = false) Integer end) {
        List<FieldError> errors = new ArrayList<>();
        if (start != null && start < 0) {
            errors.add(new FieldError("start", "must be 0 or more, was " + start));
        }
        if (end != null && end < 0) {
            errors.add(new FieldError("end", "must be 0 or more, was " + end));
        } else if (end != null && start != null && end < start) {
            errors.add(new FieldError("end", "must not be less than start (" + start + "), was " + end));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return features(caller, fileUploadId, start == null ? 0 : start, end);
    }

    private FeatureView features(Caller caller, UUID fileUploadId, int start, Integer end) {
        return ask(new FetchFeatures(caller, fileUploadId, start, end), FeatureView.class)
                .orElseThrow(() -> new NotFoundException("File upload " + fileUploadId
                        + " does not exist or has no parsed feature table"));
    }

    private <Q, R> Optional<R> ask(Q query, Class<R> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }
}
