package com.dinsight.query.dashboard;

import com.dinsight.api.Caller;
import com.dinsight.api.monitoring.DashboardQueries.DashboardSummary;
import com.dinsight.api.monitoring.DashboardQueries.FetchDashboardSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard")
class DashboardController {

    private final QueryGateway queries;

    DashboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/dashboard/summary")
    @Operation(summary = "Per dataset of the caller: latest baseline, monitoring points, anomalies by severity in the "
            + "last 24 hours and 7 days, alerts not resolved")
    DashboardSummary summary(@AuthenticationPrincipal Caller caller) {
        return queries.query(new FetchDashboardSummary(caller), DashboardSummary.class).join();
    }
}
