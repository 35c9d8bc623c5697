package com.dinsight.command.monitoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Benchmark (not a test), run by bench/feature-rows.sh: reading one-row monitoring posts of 1,024
 * named features, as the application's mapper reads them, when clients of 1, 2 or 4 baselines with
 * different feature names post in turn. Prints the median microseconds per post of several rounds.
 */
public final class FeatureRowsBench {

    private static final int FEATURES = 1024;
    private static final int POSTS = 4000;
    private static final int ROUNDS = 15;

    private FeatureRowsBench() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = Jackson2ObjectMapperBuilder.json()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, JsonParser.Feature.USE_FAST_DOUBLE_PARSER)
                .build();
        int warmUps = 3;
        for (int sets : new int[] {4, 2, 1, 1, 2, 4}) { // the first three warm the JIT up, the last three are printed
            List<byte[]> bodies = new ArrayList<>();
            for (int s = 0; s < sets; s++) {
                String prefix = "sensor" + s + "_";
                double offset = s + 0.123456789;
                bodies.add(IntStream.range(0, FEATURES).mapToObj(c -> "\"" + prefix + c + "\": " + (c * 0.001 + offset))
                        .collect(Collectors.joining(", ", "{\"rows\": [{\"features\": {", "}}]}")).getBytes());
            }
            double[] micros = new double[ROUNDS];
            long sink = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int post = 0; post < POSTS; post++) {
                    MonitoringRows.Request request = json.readValue(bodies.get(post % sets), MonitoringRows.Request.class);
                    sink += request.rows().get(0).features().size();
                }
                micros[round] = (System.nanoTime() - start) / 1e3 / POSTS;
            }
            Arrays.sort(micros);
            if (warmUps-- > 0) {
                continue;
            }
            System.out.printf("%d feature set(s) in turn: median %.1f us per post (rounds %d, %d posts each; %d)%n", sets,
                    micros[ROUNDS / 2], ROUNDS, POSTS, sink % 10);
        }
    }
}
