package com.dinsight.app.ops;

import com.dinsight.app.replay.Replays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "eventProcessors": down when a processor is stopped or in
 * error, with each processor's segments and whether it is replaying. A processor a replay stopped
 * for its switch (docs/replay.md) counts as up: queries keep answering meanwhile.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final Replays replays;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, Replays replays) {
        this.processing = processing;
        this.replays = replays;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", processor.isRunning());
            state.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                state.put("replaying", streaming.isReplaying());
                state.put("claimedSegments", streaming.processingStatus().size());
                state.put("segmentsInError", streaming.processingStatus().values().stream()
                        .filter(status -> status.isErrorState()).count());
            }
            boolean switching = replays.isSwitching(processor.getName());
            if (switching) {
                state.put("replaySwitch", true);
            }
            healthy &= (processor.isRunning() || switching) && !processor.isError();
            details.put(processor.getName(), state);
        }
        builder.status(healthy ? "UP" : "DOWN").withDetails(details);
    }
}
