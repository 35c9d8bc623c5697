package com.dinsight.query.dataset;

import com.dinsight.api.Caller;
import com.dinsight.api.dataset.DatasetPage;
import com.dinsight.api.dataset.DatasetView;
import com.dinsight.api.dataset.FetchDataset;
import com.dinsight.api.dataset.FetchDatasets;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.query.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets")
class DatasetQueryController {

    private final QueryGateway queries;

    DatasetQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "The caller's datasets (all datasets for admins), newest first")
    DatasetPage list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer page,
                     @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return queries.query(new FetchDatasets(caller, request.page(), request.size()), DatasetPage.class).join();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dataset; another user's answers 404")
    DatasetView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Optional<DatasetView> dataset = queries.query(new FetchDataset(caller, id),
                ResponseTypes.optionalInstanceOf(DatasetView.class)).join();
        return dataset.orElseThrow(() -> new NotFoundException("Dataset " + id + " does not exist"));
    }
}
