package com.dinsight.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posts to different baselines that wait while a batch commits are recorded together, in one
 * transaction (decision 56). One drain makes the waiting certain: the test holds the first
 * baseline's aggregate lock, so the drain's first batch waits, and the other posts queue behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dinsight.monitoring.recorder.drains=1")
@FreshDatabase
class MonitoringGroupCommitTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;
    ApiClient owner;
    ExecutorService clients;

    @BeforeEach
    void setUp() {
        clients = Executors.newFixedThreadPool(5);
    }

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
    }

    @Test
    void posts_to_several_baselines_waiting_for_a_batch_are_recorded_in_one_transaction_each_in_its_own_order()
            throws Exception {
        List<String> baselines = threeBaselines("owner");
        long batchesBefore = batches().count();
        try (HeldBaseline held = new HeldBaseline(baselines.get(0))) {
            CompletableFuture<Response> first = postBehind(held, 0, batchesBefore);
            List<CompletableFuture<Response>> others = new ArrayList<>();
            for (int row = 1; row <= 4; row++) { // one at a time: the order within a baseline is arrival order
                others.add(postAndWaitQueued(baselines.get(row % 2 == 1 ? 1 : 2), row, row));
            }
            assertThat(first).isNotDone();
            held.release();

            assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
            for (CompletableFuture<Response> other : others) {
                assertThat(other.get().status()).as(other.get().body()).isEqualTo(200);
            }
            assertThat(others.get(0).get().json().at("/points/0/process_order").asInt()).isZero();
            assertThat(others.get(2).get().json().at("/points/0/process_order").asInt()).isEqualTo(1);
            assertThat(others.get(3).get().json().at("/points/0/process_order").asInt()).isEqualTo(1);
        }
        assertThat(batches().count()).as("the first baseline's batch, then the other two's together")
                .isEqualTo(batchesBefore + 2);
        assertThat(batches().max()).isEqualTo(2.0);
        assertThat(meters.get("dinsight.monitoring.recorder.batch.posts").summary().max()).isEqualTo(4.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> pointsOf(baselines) == 5);
    }

    @Test
    void a_baseline_another_node_wrote_to_fails_the_shared_commit_and_every_post_is_recorded_anyway() throws Exception {
        List<String> baselines = threeBaselines("owner2");
        String stale = baselines.get(1);
        Response earlier = owner.postJson("/api/v1/monitor/" + stale, MonitoringData.rows(0, 1).toString());
        assertThat(earlier.status()).as(earlier.body()).isEqualTo(200);
        // as if another node recorded a post: the baseline this node keeps cached is one event behind
        appendCopyOfLastEvent(stale, "payload");

        long batchesBefore = batches().count();
        double splitBefore = split();
        try (HeldBaseline held = new HeldBaseline(baselines.get(0))) {
            CompletableFuture<Response> first = postBehind(held, 1, batchesBefore);
            CompletableFuture<Response> toStale = postAndWaitQueued(stale, 2, 1);
            CompletableFuture<Response> other = postAndWaitQueued(baselines.get(2), 3, 2);
            held.release();

            for (CompletableFuture<Response> response : List.of(first, toStale, other)) {
                assertThat(response.get().status()).as(response.get().body()).isEqualTo(200);
            }
            assertThat(toStale.get().json().at("/points/0/process_order").asInt())
                    .as("numbered after the other node's post").isGreaterThan(1);
            assertThat(split()).as("the shared batch failed once and was recorded baseline by baseline")
                    .isEqualTo(splitBefore + 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> pointsOf(baselines) == 4);
    }

    @Test
    void a_baseline_whose_command_fails_fails_alone_and_the_others_in_its_batch_are_recorded() throws Exception {
        List<String> baselines = threeBaselines("owner3");
        String broken = baselines.get(2);
        // an event this node cannot read, and no cached copy: loading the baseline fails
        appendCopyOfLastEvent(broken, "convert_to('{not json', 'UTF8')");
        context.getBean("monitoredBaselineCache", org.axonframework.common.caching.Cache.class).remove(broken);

        double splitBefore = split();
        long batchesBefore = batches().count();
        try (HeldBaseline held = new HeldBaseline(baselines.get(0))) {
            CompletableFuture<Response> first = postBehind(held, 1, batchesBefore);
            CompletableFuture<Response> healthy = postAndWaitQueued(baselines.get(1), 2, 1);
            CompletableFuture<Response> toBroken = postAndWaitQueued(broken, 3, 2);
            held.release();

            assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
            assertThat(healthy.get().status()).as(healthy.get().body()).isEqualTo(200);
            assertThat(toBroken.get().status()).as(toBroken.get().body()).isEqualTo(500);
            assertThat(split()).as("the shared batch failed once and was recorded baseline by baseline")
                    .isEqualTo(splitBefore + 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> pointsOf(baselines.subList(0, 2)) == 2);
    }

    /** A new user (the test's {@code owner}) with three baselines of the shared data. */
    private List<String> threeBaselines(String user) {
        ApiClient api = new ApiClient(port);
        owner = api.as(TestUsers.signUp(api, user).accessToken());
        return List.of(Baselines.ready(owner).dinsightId(), Baselines.ready(owner).dinsightId(),
                Baselines.ready(owner).dinsightId());
    }

    /** The aggregate's last event again, as its next one, with {@code payload} (an SQL expression) as its payload. */
    private void appendCopyOfLastEvent(String aggregateId, String payload) {
        jdbc.sql("""
                        INSERT INTO axon.domain_event_entry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,
                            metaData, payload, payloadRevision, payloadType, timeStamp)
                        SELECT aggregateIdentifier, sequenceNumber + 1, type, gen_random_uuid()::text, metaData, %s,
                            payloadRevision, payloadType, timeStamp
                        FROM axon.domain_event_entry WHERE aggregateIdentifier = ?
                        ORDER BY sequenceNumber DESC LIMIT 1""".formatted(payload)).param(aggregateId).update();
    }

    /** A baseline whose aggregate lock the test holds, in a unit of work of its own, until released. */
    private final class HeldBaseline implements AutoCloseable {

        final String dinsightId;
        private final UnitOfWork<?> holder;

        HeldBaseline(String dinsightId) {
            this.dinsightId = dinsightId;
            holder = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("test holds a baseline"));
            try {
                context.getBean("monitoredBaselineRepository", Repository.class).load(dinsightId);
            } catch (RuntimeException failed) {
                holder.rollback(failed);
                throw failed;
            }
        }

        void release() {
            if (holder.isActive() && !holder.isRolledBack()) {
                holder.rollback();
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    /** A post to the held baseline, once the one drain has taken it and waits for the lock. */
    private CompletableFuture<Response> postBehind(HeldBaseline held, int row, long batchesBefore) {
        CompletableFuture<Response> post = post(held.dinsightId, row);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0 && batches().count() == batchesBefore + 1);
        return post;
    }

    /** A post, once it waits for the busy drain as the {@code queued}th post. */
    private CompletableFuture<Response> postAndWaitQueued(String dinsightId, int row, int queued) {
        CompletableFuture<Response> post = post(dinsightId, row);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == queued);
        return post;
    }

    private long pointsOf(List<String> baselines) {
        return jdbc.sql("SELECT count(*) FROM monitor_data WHERE dinsight_id = ANY(?::uuid[])")
                .param(baselines.toArray(String[]::new)).query(Long.class).single();
    }

    private DistributionSummary batches() {
        return meters.get("dinsight.monitoring.recorder.batch.baselines").summary();
    }

    private double split() {
        return meters.get("dinsight.monitoring.recorder.batch.split").counter().count();
    }

    private double waiting() {
        return meters.get("dinsight.monitoring.recorder.waiting").gauge().value();
    }

    private CompletableFuture<Response> post(String dinsightId, int row) {
        ApiClient client = owner;
        return CompletableFuture.supplyAsync(() -> client.postJson("/api/v1/monitor/" + dinsightId,
                MonitoringData.rows(row, 1).toString()), clients);
    }
}
