package com.dinsight.app.replay;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts replays and answers their progress and the state of this node's event processors. One
 * replay at a time per processor; {@code all} means every replayable projection of this node, each
 * replayed on its own thread. Runs are kept in memory: a node knows the replays it ran since it started.
 */
@Component
public class Replays {

    public static final String ALL = "all";

    private final EventProcessingConfiguration processing;
    private final Map<String, ReplayableProjection> replayable = new LinkedHashMap<>();
    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate inTransaction;
    private final ReplaySwitchGate gate;
    private final Clock clock;
    private final Map<String, ProjectionReplay> runs = new ConcurrentHashMap<>();

    Replays(EventProcessingConfiguration processing, List<ReplayableProjection> projections, EventStore events,
            JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectProvider<ReplaySwitchGate> gate, Clock clock) {
        this.processing = processing;
        projections.forEach(projection -> replayable.put(projection.processor(), projection));
        this.events = events;
        this.jdbc = jdbc;
        this.inTransaction = new TransactionTemplate(transactions);
        this.gate = gate.getIfAvailable(() -> ReplaySwitchGate.OPEN);
        this.clock = clock;
    }

    /** Starts the replay of one processor, or of every replayable one; 409 when one of them is running. */
    public synchronized List<ReplayProgress> start(String processor) {
        List<ReplayableProjection> chosen = ALL.equals(processor)
                ? replayable.values().stream().filter(projection -> live(projection.processor()).isPresent()).toList()
                : List.of(replayableOrRefuse(processor));
        for (ReplayableProjection projection : chosen) {
            ProjectionReplay running = runs.get(projection.processor());
            if (running != null && !running.finished()) {
                throw new ApiException(ErrorCode.CONFLICT, "A replay of " + projection.processor() + " is running");
            }
        }
        List<ReplayProgress> started = new ArrayList<>();
        for (ReplayableProjection projection : chosen) {
            StreamingEventProcessor live = live(projection.processor()).orElseThrow();
            ProjectionReplay replay = new ProjectionReplay(projection, live, events,
                    processing.tokenStore(projection.processor()), processing.transactionManager(projection.processor()),
                    jdbc, inTransaction, gate, clock);
            runs.put(projection.processor(), replay);
            Thread thread = new Thread(replay, "replay-" + projection.processor());
            thread.setDaemon(true);
            thread.start();
            started.add(replay.progress());
        }
        return started;
    }

    /** The latest replay of a processor since this node started; 404 when there was none. */
    public ReplayProgress progress(String processor) {
        replayableOrRefuse(processor);
        return Optional.ofNullable(runs.get(processor)).map(ProjectionReplay::progress)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No replay of " + processor + " since this node started"));
    }

    /** The latest replay of every replayable processor of this node (those that had one). */
    public List<ReplayProgress> progressOfAll() {
        return replayable.keySet().stream().map(runs::get).filter(Objects::nonNull)
                .map(ProjectionReplay::progress).toList();
    }

    /** True while a replay has this processor stopped for its switch: a planned pause, not an outage. */
    public boolean isSwitching(String processor) {
        ProjectionReplay run = runs.get(processor);
        return run != null && "switching".equals(run.progress().state());
    }

    public List<ProcessorView> processors() {
        long head = ProjectionReplay.position(events.createHeadToken());
        List<ProcessorView> views = new ArrayList<>();
        processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .forEach(processor -> views.add(view(processor, head)));
        return views;
    }

    private ProcessorView view(EventProcessor processor, long head) {
        ProjectionReplay run = runs.get(processor.getName());
        ReplayProgress replay = run == null ? null : run.progress();
        boolean isReplayable = replayable.containsKey(processor.getName());
        if (processor instanceof StreamingEventProcessor streaming) {
            var status = streaming.processingStatus();
            Long position = status.isEmpty() ? null : status.values().stream()
                    .mapToLong(segment -> ProjectionReplay.position(segment.getTrackingToken())).min().orElse(-1);
            return new ProcessorView(processor.getName(), processor instanceof PooledStreamingEventProcessor ? "pooled" : "tracking",
                    processor.isRunning(), processor.isError(), status.size(), position, head,
                    position == null ? null : Math.max(0, head - position), streaming.isReplaying(), isReplayable, replay);
        }
        String type = processor instanceof SubscribingEventProcessor ? "subscribing" : processor.getClass().getSimpleName();
        return new ProcessorView(processor.getName(), type, processor.isRunning(), processor.isError(), null, null, head,
                null, false, isReplayable, replay);
    }

    private ReplayableProjection replayableOrRefuse(String processor) {
        if (processor == null || processor.isBlank()) {
            throw refused("is required; replayable: " + replayableNames());
        }
        ReplayableProjection projection = replayable.get(processor);
        if (projection != null && live(processor).isPresent()) {
            return projection;
        }
        if (processing.eventProcessor(processor).isPresent() || projection != null) {
            String why = projection != null ? "it does not run on this node"
                    : "its handlers have side effects (running analyses, raising alerts, sending deliveries) or write no"
                    + " read-model tables, so running them again is not a rebuild";
            throw refused("'" + processor + "' cannot be replayed: " + why + "; replayable: " + replayableNames());
        }
        throw refused("'" + processor + "' is not an event processor of this node; replayable: " + replayableNames());
    }

    private Optional<StreamingEventProcessor> live(String processor) {
        return processing.eventProcessor(processor)
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast);
    }

    private String replayableNames() {
        List<String> names = new ArrayList<>(replayable.keySet().stream().filter(name -> live(name).isPresent()).toList());
        names.add(ALL);
        return String.join(", ", names);
    }

    private static ApiException refused(String message) {
        return ApiException.invalid(List.of(new FieldError("processor", message)));
    }

    @PreDestroy
    void stop() {
        runs.values().forEach(ProjectionReplay::abort);
    }
}
