package com.dinsight.command.config;

import com.dinsight.api.config.ConfigJson;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.api.config.UpdateConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/config")
@Tag(name = "Configuration")
class ConfigCommandController {

    private final CommandGateway commandGateway;

    ConfigCommandController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping
    @Operation(summary = "Create the next configuration version from the given editable fields; "
            + "fields left out keep their current values. beta is stored for compatibility and has "
            + "no effect on the engine.")
    ResponseEntity<ConfigJson> create(@RequestBody ConfigUpdateRequest request) {
        ConfigVersion created = commandGateway.sendAndWait(
                new UpdateConfig(ConfigurationIds.PROCESSING_CONFIGURATION, request.toChange()));
        return ResponseEntity.created(URI.create("/api/v1/config/" + created.id()))
                .body(ConfigJson.of(created));
    }
}
