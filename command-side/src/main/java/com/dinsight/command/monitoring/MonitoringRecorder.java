package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.RecordMonitoringBatch;
import com.dinsight.api.monitoring.RecordedPost;
import com.dinsight.command.request.RequestMetadataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Group commit for monitoring posts (decision 34). Posts to one baseline are numbered one at a time
 * by its aggregate, so each post waited for every post before it to commit. Here the posts that
 * arrive while a baseline's previous batch is committing are recorded together in one command, one
 * transaction and one event-store append: twenty clients pay for one commit instead of twenty.
 * One drain per baseline runs at a time, on a small pool, so a baseline's order is arrival order.
 */
@Component
class MonitoringRecorder implements DisposableBean {

    static final int MAX_POINTS_PER_BATCH = 5_000;

    private final CommandGateway commands;
    private final RequestMetadataSource requests;
    private final ExecutorService drains;
    private final Map<UUID, Queue> queues = new ConcurrentHashMap<>();
    private final Timer queued;
    private final Timer committed;
    private final DistributionSummary batchPosts;

    MonitoringRecorder(CommandGateway commands, RequestMetadataSource requests, MeterRegistry meters) {
        this.commands = commands;
        this.requests = requests;
        this.queued = Timer.builder("dinsight.monitoring.recorder.queued")
                .description("Time a monitoring post waits for the batch before it to commit")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.committed = Timer.builder("dinsight.monitoring.recorder.commit")
                .description("Time to number and record one batch of monitoring posts (one command, one commit)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchPosts = DistributionSummary.builder("dinsight.monitoring.recorder.batch.posts")
                .description("Monitoring posts recorded together in one batch")
                .publishPercentiles(0.5, 0.99).register(meters);
        AtomicInteger threads = new AtomicInteger();
        this.drains = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "monitoring-recorder-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Records one post and answers its numbered points once they are committed. */
    List<MonitoringPoint> record(RecordMonitoring command) {
        Pending pending = new Pending(new RecordMonitoringBatch.Post(command, requests.current()), new CompletableFuture<>(),
                System.nanoTime());
        Queue queue = queues.computeIfAbsent(command.dinsightId(), id -> new Queue());
        queue.posts.add(pending);
        if (queue.draining.compareAndSet(false, true)) {
            drains.execute(() -> drain(command.dinsightId(), queue));
        }
        RecordedPost outcome;
        try {
            outcome = pending.outcome.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        if (outcome.refusal() != null) {
            throw new ApiException(outcome.refusal().code(), outcome.refusal().message());
        }
        return outcome.points();
    }

    private void drain(UUID dinsightId, Queue queue) {
        while (true) {
            List<Pending> batch = take(queue);
            if (batch.isEmpty()) {
                queue.draining.set(false);
                // a post added after take() found draining still set: pick it up unless another drain did
                if (queue.posts.isEmpty() || !queue.draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            send(dinsightId, batch);
        }
    }

    private static List<Pending> take(Queue queue) {
        List<Pending> batch = new ArrayList<>();
        int points = 0;
        Pending next;
        while ((batch.isEmpty() || points + queue.peekPoints() <= MAX_POINTS_PER_BATCH) && (next = queue.posts.poll()) != null) {
            batch.add(next);
            points += next.post.command().points().size();
        }
        return batch;
    }

    private void send(UUID dinsightId, List<Pending> batch) {
        RecordMonitoringBatch command = new RecordMonitoringBatch(dinsightId, batch.stream().map(Pending::post).toList());
        long sent = System.nanoTime();
        batch.forEach(pending -> queued.record(sent - pending.queuedAt, TimeUnit.NANOSECONDS));
        batchPosts.record(batch.size());
        try {
            List<RecordedPost> outcomes;
            try {
                outcomes = commands.sendAndWait(command);
            } catch (ConcurrencyException staleCopy) {
                // another node appended to this baseline since this node cached it; the rollback
                // evicted the copy, so the retry numbers the points after that node's
                outcomes = commands.sendAndWait(command);
            }
            committed.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome.complete(outcomes.get(i));
            }
        } catch (RuntimeException failed) {
            batch.forEach(pending -> pending.outcome.completeExceptionally(failed));
        }
    }

    @Override
    public void destroy() {
        drains.shutdown();
    }

    private record Pending(RecordMonitoringBatch.Post post, CompletableFuture<RecordedPost> outcome, long queuedAt) {
    }

    private static final class Queue {
        final ConcurrentLinkedQueue<Pending> posts = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();

        int peekPoints() {
            Pending head = posts.peek();
            return head == null ? 0 : head.post.command().points().size();
        }
    }
}
