package com.dinsight.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds and loads ../shared/data (relative to the repository root) once per JVM. */
final class SharedData {

    private static FeatureTable baseline;
    private static FeatureTable monitoring;

    private SharedData() {
    }

    static Path dir() {
        String root = System.getProperty("dinsight.repo.root");
        if (root != null && !root.isBlank()) {
            Path p = Paths.get(root).toAbsolutePath().resolve("../shared/data").normalize();
            if (Files.isRegularFile(p.resolve("test-baseline.csv"))) {
                return p;
            }
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {p.resolve("../shared/data"), p.resolve("shared/data")}) {
                if (Files.isRegularFile(candidate.resolve("test-baseline.csv"))) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("cannot find shared/data with test-baseline.csv; set -Ddinsight.repo.root");
    }

    static Path baselineFile() {
        return dir().resolve("test-baseline.csv");
    }

    static Path monitoringFile() {
        return dir().resolve("test-monitoring.csv");
    }

    static synchronized FeatureTable baseline() {
        if (baseline == null) {
            baseline = FeatureTableReader.read(baselineFile(), EngineConfig.defaults());
        }
        return baseline;
    }

    static synchronized FeatureTable monitoring() {
        if (monitoring == null) {
            monitoring = FeatureTableReader.read(monitoringFile(), EngineConfig.defaults());
        }
        return monitoring;
    }
}
