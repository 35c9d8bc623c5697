package com.dinsight.app.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event processors of this node and their replays (super_admin only, SecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Audit and replay")
class ProcessorAdminController {

    private final Replays replays;

    ProcessorAdminController(Replays replays) {
        this.replays = replays;
    }

    record ReplayRequest(String processor) {
    }

    @GetMapping("/processors")
    @Operation(summary = "The event processors of this node with their position, lag and replay state")
    Map<String, Object> processors() {
        return Map.of("items", replays.processors());
    }

    @PostMapping("/replay")
    @Operation(summary = "Rebuilds a read model from the event store without downtime; `all` replays every projection")
    ResponseEntity<Map<String, Object>> replay(@RequestBody ReplayRequest request) {
        List<ReplayProgress> started = replays.start(request.processor());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/replay/" + request.processor()))
                .body(Map.of("processor", request.processor(), "replays", started));
    }

    @GetMapping("/replay/{processor}")
    @Operation(summary = "Progress of a replay: state, events done and total, rate, estimated end")
    Object progress(@PathVariable String processor) {
        if (!Replays.ALL.equals(processor)) {
            return replays.progress(processor);
        }
        List<ReplayProgress> all = replays.progressOfAll();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("processor", Replays.ALL);
        summary.put("state", all.isEmpty() ? "none" : all.stream().anyMatch(p -> p.state().equals("failed")) ? "failed"
                : all.stream().allMatch(p -> p.state().equals("completed")) ? "completed" : "running");
        summary.put("events_done", all.stream().mapToLong(ReplayProgress::eventsDone).sum());
        summary.put("events_total", all.stream().mapToLong(ReplayProgress::eventsTotal).sum());
        summary.put("replays", all);
        return summary;
    }
}
