package com.dinsight.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.Baselines;
import com.dinsight.app.support.MonitoringData;
import com.dinsight.app.support.TestUsers;
import com.dinsight.testsupport.FreshDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Many more concurrent posts to one baseline than pooled connections, with a snapshot after every
 * event (a snapshot needs a second connection while the aggregate is locked): commands waiting for
 * the aggregate must not hold connections, or the lock holder starves (decision 25).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dinsight.db.pool-size=3", "dinsight.snapshots.monitored-baseline-threshold=1"})
@FreshDatabase
class ConcurrentPostsTest {

    @LocalServerPort
    int port;

    @Test
    void twenty_concurrent_posts_to_one_baseline_all_succeed_with_three_connections() throws Exception {
        ApiClient anonymous = new ApiClient(port);
        ApiClient api = anonymous.as(TestUsers.signUp(anonymous, "busy").accessToken());
        String dinsightId = Baselines.ready(api).dinsightId();
        String row = MonitoringData.rows(0, 1).toString();
        assertThat(api.postJson("/api/v1/monitor/" + dinsightId, row).status()).isEqualTo(200);

        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<ApiClient.Response>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(clients.submit(() -> api.postJson("/api/v1/monitor/" + dinsightId, row)));
        }
        Set<Integer> orders = new HashSet<>();
        for (Future<ApiClient.Response> post : posts) {
            ApiClient.Response response = post.get(25, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            orders.add(response.json().at("/points/0/process_order").asInt());
        }
        clients.shutdown();
        assertThat(orders).hasSize(20).allMatch(order -> order >= 1 && order <= 20);
    }
}
