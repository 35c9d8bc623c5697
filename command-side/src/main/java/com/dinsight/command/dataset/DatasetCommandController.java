package com.dinsight.command.dataset;

import com.dinsight.api.Caller;
import com.dinsight.api.dataset.CreateDataset;
import com.dinsight.api.dataset.DatasetUpdated;
import com.dinsight.api.dataset.DeactivateDataset;
import com.dinsight.api.dataset.DeleteDataset;
import com.dinsight.api.dataset.UpdateDataset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets")
class DatasetCommandController {

    record DatasetRequest(String name, String description, List<String> tags, Map<String, Object> metadata) {
    }

    record Created(UUID id) {
    }

    private final CommandGateway commands;

    DatasetCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Create a dataset owned by the caller")
    ResponseEntity<Created> create(@AuthenticationPrincipal Caller caller, @RequestBody DatasetRequest body) {
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new CreateDataset(id, caller, body.name(), body.description(), body.tags(), body.metadata()));
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + id)).body(new Created(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a dataset's name, description, tags or metadata; fields left out keep their values")
    DatasetUpdated update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody DatasetRequest body) {
        return commands.sendAndWait(
                new UpdateDataset(id, caller, body.name(), body.description(), body.tags(), body.metadata()));
    }

    @PostMapping("/{id}/deactivate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark a dataset inactive")
    void deactivate(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        commands.sendAndWait(new DeactivateDataset(id, caller));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a dataset")
    void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        commands.sendAndWait(new DeleteDataset(id, caller));
    }
}
