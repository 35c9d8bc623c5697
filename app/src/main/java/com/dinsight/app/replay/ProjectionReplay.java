package com.dinsight.app.replay;

import com.dinsight.query.ReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One zero-downtime replay of one processor (docs/replay.md):
 * <ol>
 *   <li>{@code running}: empty shadow tables; a second processor ({@code <name>@replay}, its own token,
 *       the live processor's handlers, the shadow schema on its search path) reads the store from its
 *       start while the live processor goes on writing {@code public}, which queries keep reading;</li>
 *   <li>{@code switching}, once the shadow has read every event stored when the replay started and
 *       trails the head by less than a batch: the live processor
 *       stops, the shadow reads on to the head of that moment and stops; one transaction makes the
 *       live tables equal to the shadow and gives the live processor the shadow's token; the live
 *       processor starts again from there;</li>
 *   <li>{@code completed}: shadow tables and token dropped. Any failure before the commit leaves the
 *       live tables and token untouched ({@code failed}, with the error), and the live processor running.</li>
 * </ol>
 */
final class ProjectionReplay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);
    static final int BATCH_SIZE = 500;
    private static final Duration POLL = Duration.ofMillis(50);

    enum State { running, switching, completed, failed }

    private final ReplayableProjection projection;
    private final StreamingEventProcessor live;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate inTransaction;
    private final ReplaySwitchGate gate;
    private final Clock clock;
    private final ShadowTables shadowTables;
    private final String shadowName;
    private final Instant startedAt;
    private final AtomicReference<Throwable> shadowFailure = new AtomicReference<>();

    private volatile State state = State.running;
    private volatile long eventsDone;
    private volatile long eventsTotal;
    private volatile Instant finishedAt;
    private volatile Long rowsChanged;
    private volatile String error;
    private volatile Long livePausedMillis;
    private volatile boolean aborted;
    private volatile PooledStreamingEventProcessor shadow;
    private final List<ScheduledExecutorService> shadowThreads = new CopyOnWriteArrayList<>();

    ProjectionReplay(ReplayableProjection projection, StreamingEventProcessor live,
                     StreamableMessageSource<TrackedEventMessage<?>> events, TokenStore tokens,
                     TransactionManager transactions, JdbcTemplate jdbc, TransactionTemplate inTransaction,
                     ReplaySwitchGate gate, Clock clock) {
        this.projection = projection;
        this.live = live;
        this.events = events;
        this.tokens = tokens;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.inTransaction = inTransaction;
        this.gate = gate;
        this.clock = clock;
        this.shadowTables = new ShadowTables(jdbc, projection.processor(), projection.tables());
        this.shadowName = projection.processor() + "@replay";
        this.startedAt = clock.instant();
    }

    boolean finished() {
        return state == State.completed || state == State.failed;
    }

    /** Stops a running replay (the application is closing); it ends as failed, the live tables untouched. */
    void abort() {
        aborted = true;
    }

    ReplayProgress progress() {
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = Duration.between(startedAt, end).toNanos() / 1e9;
        Double rate = seconds > 0 ? Math.round(eventsDone / seconds * 10) / 10.0 : null;
        Instant estimatedEnd = finished() ? finishedAt
                : rate == null || rate == 0 ? null
                : clock.instant().plusMillis((long) (Math.max(0, eventsTotal - eventsDone) / rate * 1000));
        return new ReplayProgress(projection.processor(), state.name(), startedAt, finishedAt, eventsDone, eventsTotal,
                rate, estimatedEnd, rowsChanged, livePausedMillis, error);
    }

    @Override
    public void run() {
        boolean liveStopped = false;
        State outcome = State.failed;
        try {
            inTransaction.executeWithoutResult(status -> shadowTables.create());
            jdbc.update("DELETE FROM axon.token_entry WHERE processorName = ?", shadowName);
            shadow = shadowProcessor();
            shadow.start();
            long headAtStart = head();
            // every event there was at the start, then close enough to the head to stop the live processor briefly
            waitUntil(() -> shadowPosition() >= headAtStart && head() - shadowPosition() < BATCH_SIZE);

            state = State.switching;
            gate.beforeSwitch(projection.processor());
            liveStopped = true;
            long pausedAt = System.nanoTime();
            live.shutDown();
            long head = head();
            waitUntil(() -> shadowPosition() >= head);
            shadow.shutDown();
            failIfShadowFailed();
            rowsChanged = inTransaction.execute(status -> switchOver());
            live.start();
            liveStopped = false;
            livePausedMillis = (System.nanoTime() - pausedAt) / 1_000_000;
            eventsDone = Math.max(eventsDone, head);
            outcome = State.completed;
            log.info("Replay of {} completed: {} events, {} rows changed, live processor paused {} ms", projection.processor(),
                    eventsDone, rowsChanged, livePausedMillis);
        } catch (Throwable failure) {
            error = failure instanceof InterruptedException ? "interrupted" : String.valueOf(failure.getMessage());
            log.error("Replay of {} failed; the live tables are untouched", projection.processor(), failure);
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            cleanUp(liveStopped);
            finishedAt = clock.instant();
            state = outcome;
        }
    }

    private PooledStreamingEventProcessor shadowProcessor() {
        String thread = "replay-" + projection.processor();
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(daemon(thread + "-coordinator"));
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon(thread + "-worker"));
        shadowThreads.addAll(List.of(coordinator, worker));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(shadowName)
                .eventHandlerInvoker(((AbstractEventProcessor) live).eventHandlerInvoker())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(new ShadowTransactionManager(transactions, jdbc, shadowTables.schema()))
                .coordinatorExecutor(coordinator)
                .workerExecutor(worker)
                .initialSegmentCount(1)
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(BATCH_SIZE)
                .errorHandler(context -> {
                    // fail the replay at the first error instead of retrying forever
                    shadowFailure.compareAndSet(null, context.error());
                    throw context.error() instanceof Exception exception ? exception
                            : new IllegalStateException(context.error());
                })
                .build();
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.resources().put(ReadModel.SHADOW_BUILD, Boolean.TRUE);
            return chain.proceed();
        });
        return processor;
    }

    /**
     * In the switch's transaction: the live processor's tokens are locked and must be unclaimed (no
     * other node processes it), the live tables become the shadow's, the live tokens the shadow's.
     */
    private long switchOver() {
        List<Map<String, Object>> liveTokens = jdbc.queryForList(
                "SELECT segment, owner FROM axon.token_entry WHERE processorName = ? FOR UPDATE", projection.processor());
        if (liveTokens.isEmpty()) {
            throw new IllegalStateException("Processor " + projection.processor() + " has no token to continue from");
        }
        liveTokens.stream().filter(token -> token.get("owner") != null).findFirst().ifPresent(claimed -> {
            throw new IllegalStateException("Segment " + claimed.get("segment") + " of " + projection.processor()
                    + " is claimed by " + claimed.get("owner") + "; stop that processor on other nodes to replay it");
        });
        long changed = shadowTables.copyIntoPublic();
        int moved = jdbc.update("""
                UPDATE axon.token_entry live SET token = shadow.token, tokenType = shadow.tokenType
                FROM axon.token_entry shadow
                WHERE live.processorName = ? AND shadow.processorName = ? AND shadow.segment = 0""",
                projection.processor(), shadowName);
        if (moved != liveTokens.size()) {
            throw new IllegalStateException("The shadow processor " + shadowName + " stored no token");
        }
        return changed;
    }

    private void cleanUp(boolean restartLive) {
        PooledStreamingEventProcessor processor = shadow;
        try {
            if (processor != null && processor.isRunning()) {
                processor.shutDown();
            }
        } catch (RuntimeException e) {
            log.warn("Could not stop {}", shadowName, e);
        }
        shadowThreads.forEach(ScheduledExecutorService::shutdownNow);
        if (restartLive) {
            live.start();
        }
        try {
            inTransaction.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM axon.token_entry WHERE processorName = ?", shadowName);
                shadowTables.drop();
            });
        } catch (RuntimeException e) {
            log.warn("Could not drop the shadow of {}", projection.processor(), e);
        }
    }

    private void waitUntil(BooleanSupplier condition) throws InterruptedException {
        while (true) {
            failIfShadowFailed();
            eventsTotal = Math.max(eventsTotal, head());
            eventsDone = Math.max(eventsDone, shadowPosition());
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void failIfShadowFailed() {
        if (aborted) {
            throw new IllegalStateException("The replay was stopped: the application is closing");
        }
        Throwable failure = shadowFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Rebuilding the shadow tables failed: " + failure.getMessage(), failure);
        }
    }

    private long head() {
        return position(events.createHeadToken());
    }

    /** The lowest position of the shadow's segments; -1 before it handled anything. */
    private long shadowPosition() {
        PooledStreamingEventProcessor processor = shadow;
        if (processor == null) {
            return -1;
        }
        return processor.processingStatus().values().stream()
                .mapToLong(status -> position(status.getTrackingToken()))
                .min().orElse(-1);
    }

    static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
