package com.dinsight.engine.cli;

import com.dinsight.engine.ComparisonSummary;
import com.dinsight.engine.ContributingFeature;
import com.dinsight.engine.DInsightEngine;
import com.dinsight.engine.EmbeddingResult;
import com.dinsight.engine.EngineConfig;
import com.dinsight.engine.FeatureTable;
import com.dinsight.engine.FeatureTableReader;
import com.dinsight.engine.InvalidInputException;
import com.dinsight.engine.MonitoringReport;
import com.dinsight.engine.RowScore;
import com.dinsight.engine.ScoringOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line:
 * <pre>
 * embed BASELINE.csv [--set key=value]... [--seed N] [--threads N]
 * monitor BASELINE.csv MONITORING.csv [--set key=value]... [--seed N] [--threshold T] [--sensitivity S] [--threads N]
 * </pre>
 * prints JSON with snake_case keys on stdout. Bad input (or bad arguments) exits with status 2
 * and the error on stderr, nothing on stdout; an unexpected failure exits with 1.
 */
public final class EngineCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private static final String USAGE = """
            usage:
              embed BASELINE.csv [--set key=value]... [--seed N] [--threads N]
              monitor BASELINE.csv MONITORING.csv [--set key=value]... [--seed N] [--threshold T] [--sensitivity S] [--threads N]""";

    private EngineCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. Writes to {@code out} only on success. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Arguments a = Arguments.parse(args);
            Object json = a.command.equals("embed") ? embed(a) : monitor(a);
            byte[] text = new ObjectMapper().writeValueAsBytes(json);
            out.write(text);
            out.write('\n');
            out.flush();
            return OK;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        } catch (InvalidInputException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception | OutOfMemoryError e) {
            err.println("error: unexpected failure: " + e);
            return FAILED;
        }
    }

    private static Map<String, Object> embed(Arguments a) {
        FeatureTable baseline = FeatureTableReader.read(a.files.get(0), a.config);
        try (DInsightEngine engine = new DInsightEngine(a.threads)) {
            return facts(engine.embed(baseline, a.config, a.seed));
        }
    }

    private static Map<String, Object> monitor(Arguments a) {
        FeatureTable baseline = FeatureTableReader.read(a.files.get(0), a.config);
        // the baseline's features by name, other columns as metadata, as the service reads them (decision 55)
        FeatureTable monitoring = FeatureTableReader.readByName(a.files.get(1),
                baseline.featureNames().toArray(String[]::new));
        ScoringOptions options = new ScoringOptions(a.threshold, a.sensitivity);
        try (DInsightEngine engine = new DInsightEngine(a.threads)) {
            EmbeddingResult result = engine.embed(baseline, a.config, a.seed);
            MonitoringReport report = engine.monitor(monitoring, result.model(), options);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("baseline", facts(result));
            List<Object> rows = new ArrayList<>();
            for (RowScore r : report.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("x", r.x());
                row.put("y", r.y());
                row.put("mahalanobis_distance", r.mahalanobisDistance());
                row.put("zmax", r.zmax());
                row.put("anomalous", r.anomalous());
                row.put("severity", r.severity().label());
                List<Object> features = new ArrayList<>();
                for (ContributingFeature f : r.contributing()) {
                    Map<String, Object> cf = new LinkedHashMap<>();
                    cf.put("name", f.name());
                    cf.put("value", f.value());
                    cf.put("baseline_mean", f.baselineMean());
                    cf.put("z", f.z());
                    features.add(cf);
                }
                row.put("contributing_features", features);
                rows.add(row);
            }
            json.put("rows", rows);
            json.put("summary", summary(report.summary()));
            return json;
        }
    }

    private static Map<String, Object> facts(EmbeddingResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", r.x());
        json.put("y", r.y());
        json.put("iterations", r.iterations());
        json.put("start_cost", r.startCost());
        json.put("final_cost", r.finalCost());
        json.put("converged", r.converged());
        json.put("dmin", r.dmin());
        json.put("dmax", r.dmax());
        json.put("w1", r.w1());
        json.put("seed", r.seed());
        json.put("method", r.method());
        json.put("millis", r.millis());
        json.put("landmarks", r.landmarks());
        json.put("feature_scaling", r.featureScaling());
        json.put("kept_features", r.keptFeatures());
        json.put("dropped_features", r.droppedFeatures());
        return json;
    }

    private static Map<String, Object> summary(ComparisonSummary s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_points", s.totalPoints());
        json.put("anomaly_count", s.anomalyCount());
        json.put("anomaly_percentage", s.anomalyPercentage());
        json.put("threshold", s.threshold());
        json.put("z_threshold", s.zThreshold());
        json.put("centroid_distance", s.centroidDistance());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mean_distance", s.meanDistance());
        stats.put("std_distance", s.stdDistance());
        stats.put("max_distance", s.maxDistance());
        json.put("statistics", stats);
        return json;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final class Arguments {
        String command;
        final List<Path> files = new ArrayList<>();
        EngineConfig config = EngineConfig.defaults();
        long seed = 0;
        Double threshold;
        double sensitivity = 1.0;
        int threads = Runtime.getRuntime().availableProcessors();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            a.command = args[0];
            if (!a.command.equals("embed") && !a.command.equals("monitor")) {
                throw new UsageException("unknown command '" + a.command + "'");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    a.files.add(Path.of(arg));
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--set" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new UsageException("--set takes key=value, got '" + value + "'");
                        }
                        settings.put(value.substring(0, eq).trim(), value.substring(eq + 1));
                    }
                    case "--seed" -> a.seed = parseLong("--seed", value);
                    case "--threads" -> {
                        a.threads = (int) parseLong("--threads", value);
                        if (a.threads < 1) {
                            throw new UsageException("--threads must be at least 1");
                        }
                    }
                    case "--threshold" -> {
                        if (!a.command.equals("monitor")) {
                            throw new UsageException("--threshold is an option of monitor");
                        }
                        a.threshold = parseDouble("--threshold", value);
                    }
                    case "--sensitivity" -> {
                        if (!a.command.equals("monitor")) {
                            throw new UsageException("--sensitivity is an option of monitor");
                        }
                        a.sensitivity = parseDouble("--sensitivity", value);
                    }
                    default -> throw new UsageException("unknown option " + arg);
                }
            }
            int want = a.command.equals("embed") ? 1 : 2;
            if (a.files.size() != want) {
                throw new UsageException(a.command + " takes " + want + " file" + (want == 1 ? "" : "s") + ", got "
                        + a.files.size());
            }
            a.config = a.config.with(settings);
            return a;
        }

        private static long parseLong(String option, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes a whole number, got '" + value + "'");
            }
        }

        private static double parseDouble(String option, String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " takes a number, got '" + value + "'");
            }
        }
    }

}
