package com.dinsight.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.Multipart;
import com.dinsight.app.support.SharedFiles;
import com.dinsight.app.support.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.dinsight.testsupport.FreshDatabase;
import java.nio.file.Files;
import java.time.Duration;
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
        properties = {"dinsight.db.pool-size=3", "dinsight.monitoring.snapshot-every=1"})
@FreshDatabase
class ConcurrentPostsTest {

    @LocalServerPort
    int port;

    @Test
    void twenty_concurrent_posts_to_one_baseline_all_succeed_with_three_connections() throws Exception {
        ApiClient anonymous = new ApiClient(port);
        ApiClient api = anonymous.as(TestUsers.signUp(anonymous, "busy").accessToken());
        JsonNode accepted = api.postMultipart("/api/v1/analyze", new Multipart().file("files", "test-baseline.csv",
                Files.readAllBytes(SharedFiles.path("data/test-baseline.csv")))).json();
        String analysisId = accepted.get("analysis_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "completed".equals(api.get("/api/v1/analyses/" + analysisId).json().path("status").asText()));
        String dinsightId = api.get("/api/v1/analyses/" + analysisId).json().get("dinsight_id").asText();
        String row = "{\"rows\": [{\"values\": " + values(Files.readAllLines(SharedFiles.path("data/test-monitoring.csv"))) + "}]}";
        await().atMost(Duration.ofSeconds(20)).until(() -> api.postJson("/api/v1/monitor/" + dinsightId, row).status() == 200);

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

    /** The feature values of the first monitoring row, as a JSON array. */
    private static String values(List<String> lines) {
        String[] header = lines.get(0).split(",");
        String[] cells = lines.get(1).split(",");
        List<String> values = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (header[c].startsWith("f_")) {
                values.add(cells[c]);
            }
        }
        return "[" + String.join(",", values) + "]";
    }
}
