package com.dinsight.command.monitoring;

import com.dinsight.api.error.ApiException;
import com.dinsight.api.monitoring.MonitoringPoint;
import com.dinsight.api.monitoring.RecordMonitoring;
import com.dinsight.api.monitoring.RecordMonitoringBatch;
import com.dinsight.api.monitoring.RecordedPost;
import com.dinsight.command.request.RequestMetadataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Group commit for monitoring posts (decisions 34 and 56). Posts to one baseline are numbered one at
 * a time by its aggregate, so each post waited for every post before it to commit. Here the posts
 * that arrive while earlier ones are committing are recorded together: one command per baseline,
 * and the commands for several baselines in one unit of work, one transaction and one event-store
 * append. Twenty clients pay for one commit instead of twenty, whether they post to one baseline or
 * to twenty. A baseline is in at most one batch at a time, so its order is arrival order.
 */
@Component
class MonitoringRecorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRecorder.class);

    static final int MAX_POINTS_PER_BATCH = 5_000;
    static final int MAX_BASELINES_PER_BATCH = 100;

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final RequestMetadataSource requests;
    private final int maxDrains;
    private final ExecutorService drains;
    private final Map<UUID, Queue> queues = new ConcurrentHashMap<>();
    /** Baselines with posts waiting and no batch of theirs being sent, in the order they became so. */
    private final ConcurrentLinkedQueue<Queue> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger runningDrains = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Timer queued;
    private final Timer committed;
    private final DistributionSummary batchPosts;
    private final DistributionSummary batchBaselines;
    private final Counter splitBatches;

    MonitoringRecorder(CommandGateway commands, TransactionManager transactions, RequestMetadataSource requests,
                       MeterRegistry meters, @Value("${dinsight.monitoring.recorder.drains:2}") int maxDrains) {
        if (maxDrains < 1) {
            throw new IllegalArgumentException("dinsight.monitoring.recorder.drains must be at least 1, not " + maxDrains);
        }
        this.commands = commands;
        this.transactions = transactions;
        this.requests = requests;
        this.maxDrains = maxDrains;
        this.queued = Timer.builder("dinsight.monitoring.recorder.queued")
                .description("Time a monitoring post waits for the batch before it to commit")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.committed = Timer.builder("dinsight.monitoring.recorder.commit")
                .description("Time to number and record one batch of monitoring posts (one transaction, one commit)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchPosts = DistributionSummary.builder("dinsight.monitoring.recorder.batch.posts")
                .description("Monitoring posts recorded together in one batch")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchBaselines = DistributionSummary.builder("dinsight.monitoring.recorder.batch.baselines")
                .description("Baselines whose posts were recorded together in one batch")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.splitBatches = Counter.builder("dinsight.monitoring.recorder.batch.split")
                .description("Batches of several baselines that failed together and were recorded baseline by baseline")
                .register(meters);
        Gauge.builder("dinsight.monitoring.recorder.waiting", waiting, AtomicInteger::get)
                .description("Monitoring posts waiting to be taken into a batch").register(meters);
        AtomicInteger threads = new AtomicInteger();
        this.drains = Executors.newFixedThreadPool(maxDrains, task -> {
            Thread thread = new Thread(task, "monitoring-recorder-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Records one post and answers its numbered points once they are committed. */
    List<MonitoringPoint> record(RecordMonitoring command) {
        Pending pending = new Pending(new RecordMonitoringBatch.Post(command, requests.current()), new CompletableFuture<>(),
                System.nanoTime());
        Queue queue = queues.computeIfAbsent(command.dinsightId(), Queue::new);
        waiting.incrementAndGet();
        queue.posts.add(pending);
        if (queue.scheduled.compareAndSet(false, true)) {
            ready.add(queue);
            if (claimDrain()) {
                drains.execute(this::drain);
            }
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

    private boolean claimDrain() {
        int running;
        do {
            running = runningDrains.get();
            if (running >= maxDrains) {
                return false;
            }
        } while (!runningDrains.compareAndSet(running, running + 1));
        return true;
    }

    private void drain() {
        while (true) {
            List<Batch> batches = take();
            if (batches.isEmpty()) {
                runningDrains.decrementAndGet();
                // a baseline made ready after take() while every drain was busy: pick it up unless another drain does
                if (ready.isEmpty() || !claimDrain()) {
                    return;
                }
                continue;
            }
            if (!ready.isEmpty() && claimDrain()) {
                drains.execute(this::drain); // what the batch's limits left goes on beside it
            }
            try {
                send(batches);
            } catch (Throwable failed) {
                // answer every post even now, or they and every later post to their baselines would wait for ever
                log.error("Monitoring batch of {} baselines failed", batches.size(), failed);
                batches.forEach(batch -> batch.fail(failed));
            } finally {
                batches.forEach(batch -> release(batch.queue()));
            }
        }
    }

    /** The posts waiting at the ready baselines, up to the batch's limits; at least one post. */
    private List<Batch> take() {
        List<Batch> batches = new ArrayList<>();
        int points = 0;
        Queue queue;
        while (batches.size() < MAX_BASELINES_PER_BATCH && (queue = ready.poll()) != null) {
            List<Pending> posts = new ArrayList<>();
            Pending next;
            while ((batches.isEmpty() && posts.isEmpty() || points + queue.peekPoints() <= MAX_POINTS_PER_BATCH)
                    && (next = queue.posts.poll()) != null) {
                posts.add(next);
                points += next.post.command().points().size();
            }
            waiting.addAndGet(-posts.size());
            if (posts.isEmpty()) {
                ready.add(queue); // the batch is full: this baseline waits for the next one
                break;
            }
            batches.add(new Batch(queue, posts));
        }
        return batches;
    }

    /** After a baseline's posts were sent: it stays scheduled while more are waiting. */
    private void release(Queue queue) {
        if (!queue.posts.isEmpty()) {
            ready.add(queue);
            return;
        }
        queue.scheduled.set(false);
        // a post added after the check found the baseline still scheduled: schedule it again
        if (!queue.posts.isEmpty() && queue.scheduled.compareAndSet(false, true)) {
            ready.add(queue);
        }
    }

    private void send(List<Batch> batches) {
        long sent = System.nanoTime();
        int posts = 0;
        for (Batch batch : batches) {
            batch.posts().forEach(pending -> queued.record(sent - pending.queuedAt, TimeUnit.NANOSECONDS));
            posts += batch.posts().size();
        }
        batchPosts.record(posts);
        batchBaselines.record(batches.size());
        if (batches.size() == 1) {
            sendAlone(batches.get(0));
        } else {
            sendTogether(batches);
        }
        committed.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
    }

    private void sendAlone(Batch batch) {
        try {
            List<RecordedPost> outcomes;
            try {
                outcomes = commands.sendAndWait(batch.command());
            } catch (ConcurrencyException staleCopy) {
                // another node appended to this baseline since this node cached it; the rollback
                // evicted the copy, so the retry numbers the points after that node's
                outcomes = commands.sendAndWait(batch.command());
            }
            batch.complete(outcomes);
        } catch (RuntimeException failed) {
            batch.fail(failed);
        }
    }

    /**
     * One command per baseline inside one unit of work: each command's unit of work is nested in it,
     * so its events are appended with all the others when this one commits, in one transaction; the
     * aggregates stay locked, and their cached copies unconfirmed, until then.
     */
    private void sendTogether(List<Batch> unordered) {
        // the same order on every node: two nodes' batches wait for each other's appends, never in a cycle
        List<Batch> batches = unordered.stream().sorted(Comparator.comparing(batch -> batch.queue().dinsightId)).toList();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("monitoring batch"));
        List<List<RecordedPost>> outcomes = new ArrayList<>(batches.size());
        try {
            unitOfWork.attachTransaction(transactions);
            for (Batch batch : batches) {
                outcomes.add(commands.sendAndWait(batch.command()));
            }
        } catch (RuntimeException failed) {
            // the rollback undoes what the others wrote (their events are appended only at the commit);
            // then each baseline on its own, so one that fails fails alone
            if (unitOfWork.phase() == UnitOfWork.Phase.STARTED) {
                unitOfWork.rollback(failed);
            }
            splitBatches.increment();
            batches.forEach(this::sendAlone);
            return;
        } catch (Error fatal) {
            if (unitOfWork.phase() == UnitOfWork.Phase.STARTED) {
                unitOfWork.rollback(fatal); // not left as this thread's current unit of work
            }
            throw fatal;
        }
        try {
            unitOfWork.commit();
        } catch (ConcurrencyException staleCopy) {
            // refused by the append, so nothing was committed; the rollback evicted the cached copies
            splitBatches.increment();
            batches.forEach(this::sendAlone);
            return;
        } catch (RuntimeException failed) {
            batches.forEach(batch -> batch.fail(failed));
            return;
        }
        for (int b = 0; b < batches.size(); b++) {
            batches.get(b).complete(outcomes.get(b));
        }
    }

    @Override
    public void destroy() {
        drains.shutdown();
    }

    private record Pending(RecordMonitoringBatch.Post post, CompletableFuture<RecordedPost> outcome, long queuedAt) {
    }

    /** A baseline's posts taken for one batch. */
    private record Batch(Queue queue, List<Pending> posts) {

        RecordMonitoringBatch command() {
            return new RecordMonitoringBatch(queue.dinsightId, posts.stream().map(Pending::post).toList());
        }

        void complete(List<RecordedPost> outcomes) {
            for (int i = 0; i < posts.size(); i++) {
                posts.get(i).outcome.complete(outcomes.get(i));
            }
        }

        /** Fails the posts not answered yet. */
        void fail(Throwable failed) {
            posts.forEach(pending -> pending.outcome.completeExceptionally(failed));
        }
    }

    private static final class Queue {
        final UUID dinsightId;
        final ConcurrentLinkedQueue<Pending> posts = new ConcurrentLinkedQueue<>();
        /** In {@code ready}, or in a batch being sent. */
        final AtomicBoolean scheduled = new AtomicBoolean();

        Queue(UUID dinsightId) {
            this.dinsightId = dinsightId;
        }

        int peekPoints() {
            Pending head = posts.peek();
            return head == null ? 0 : head.post.command().points().size();
        }
    }
}
