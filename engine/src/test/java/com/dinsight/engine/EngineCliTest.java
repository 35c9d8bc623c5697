package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.engine.cli.EngineCli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EngineCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void embed_prints_coordinates_and_run_facts_as_json_and_exits_0() throws Exception {
        int status = run("embed", SharedData.baselineFile().toString(), "--seed", "5", "--set", "imax=300");
        assertThat(status).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.get("x").size()).isEqualTo(219);
        assertThat(json.get("y").size()).isEqualTo(219);
        for (String key : new String[] {"iterations", "start_cost", "final_cost", "converged", "dmin", "dmax", "w1",
            "seed", "method", "millis"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("seed").asLong()).isEqualTo(5);
        assertThat(json.get("method").asText()).isEqualTo("exact");
    }

    @Test
    void monitor_prints_the_baseline_rows_and_summary_and_exits_0() throws Exception {
        int status = run("monitor", SharedData.baselineFile().toString(), SharedData.monitoringFile().toString(),
                "--sensitivity", "1.5", "--threshold", "4");
        assertThat(status).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.get("baseline").get("x").size()).isEqualTo(219);
        JsonNode row = json.get("rows").get(0);
        for (String key : new String[] {"x", "y", "mahalanobis_distance", "zmax", "anomalous", "severity",
            "contributing_features"}) {
            assertThat(row.has(key)).as(key).isTrue();
        }
        assertThat(row.get("contributing_features").get(0).has("baseline_mean")).isTrue();
        JsonNode summary = json.get("summary");
        assertThat(summary.get("total_points").asInt()).isEqualTo(219);
        assertThat(summary.get("threshold").asDouble()).isEqualTo(4 / 1.5);
        assertThat(summary.get("statistics").has("std_distance")).isTrue();
    }

    @Test
    void monitor_reads_the_monitoring_file_by_name_in_any_column_order(@TempDir Path dir) throws Exception {
        java.util.List<String> lines = Files.readAllLines(SharedData.monitoringFile());
        java.util.List<String> reversed = lines.stream().map(line -> {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.List.of(line.split(",", -1)));
            java.util.Collections.reverse(cells);
            return String.join(",", cells);
        }).toList();
        Path reordered = dir.resolve("reordered.csv");
        Files.write(reordered, reversed);

        assertThat(run("monitor", SharedData.baselineFile().toString(), SharedData.monitoringFile().toString(),
                "--seed", "5", "--set", "imax=300")).isZero();
        JsonNode inOrder = new ObjectMapper().readTree(out.toByteArray()).get("rows");
        out.reset();
        assertThat(run("monitor", SharedData.baselineFile().toString(), reordered.toString(),
                "--seed", "5", "--set", "imax=300")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode byName = new ObjectMapper().readTree(out.toByteArray()).get("rows");
        assertThat(byName.get(0).get("x").asDouble()).isEqualTo(inOrder.get(0).get("x").asDouble());
        assertThat(byName.get(218).get("mahalanobis_distance").asDouble())
                .isEqualTo(inOrder.get(218).get("mahalanobis_distance").asDouble());
    }

    @Test
    void bad_input_exits_2_with_the_error_on_stderr_and_nothing_on_stdout(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "participant,f_0,f_1023\n1,2,x\n");
        assertThat(run("embed", bad.toString())).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.csv").contains("row 2").contains("f_1023");
    }

    @Test
    void bad_arguments_exit_2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("embed")).isEqualTo(2);
        assertThat(run("embed", SharedData.baselineFile().toString(), "--set", "lowdim=3")).isEqualTo(2);
        assertThat(run("embed", SharedData.baselineFile().toString(), "--seed", "abc")).isEqualTo(2);
        assertThat(run("monitor", SharedData.baselineFile().toString())).isEqualTo(2);
        assertThat(run("embed", "/no/such/file.csv")).isEqualTo(2);
        assertThat(run("explode", "x")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }
}
