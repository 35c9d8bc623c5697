package com.dinsight.query.config;

import com.dinsight.api.config.ConfigJson;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.FetchConfigVersion;
import com.dinsight.api.config.FetchLatestConfig;
import com.dinsight.api.error.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/config")
@Tag(name = "Configuration")
class ConfigQueryController {

    private final QueryGateway queryGateway;

    ConfigQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping
    @Operation(summary = "The latest configuration version")
    ConfigJson latest() {
        return ConfigJson.of(fetch(new FetchLatestConfig())
                .orElseThrow(() -> new NotFoundException("No configuration exists yet")));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One configuration version by its integer id")
    ConfigJson version(@PathVariable int id) {
        return ConfigJson.of(fetch(new FetchConfigVersion(id))
                .orElseThrow(() -> new NotFoundException("Configuration version " + id + " does not exist")));
    }

    private Optional<ConfigVersion> fetch(Object query) {
        return queryGateway.query(query, ResponseTypes.optionalInstanceOf(ConfigVersion.class)).join();
    }
}
