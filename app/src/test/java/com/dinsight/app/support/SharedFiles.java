package com.dinsight.app.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of ../shared beside the repository: the contracts and the sensor data. */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("dinsight.repo.root");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find shared/" + relative + " beside " + start);
    }
}
