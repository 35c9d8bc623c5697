package com.dinsight.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Rows of ../shared/data/test-monitoring.csv as the JSON body of POST /monitor, optionally made faulty. */
public final class MonitoringData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> header;
    private static List<String[]> rows;

    private MonitoringData() {
    }

    /** Rows first..first+count-1, features by name, with f_from..f_to multiplied by factor. */
    public static synchronized ObjectNode rows(int first, int count, int from, int to, double factor) {
        if (header == null) {
            try {
                List<String> lines = Files.readAllLines(SharedFiles.path("data/test-monitoring.csv"));
                header = List.of(lines.get(0).split(","));
                rows = lines.subList(1, lines.size()).stream().map(line -> line.split(",")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode out = body.putArray("rows");
        for (int r = first; r < first + count; r++) {
            String[] cells = rows.get(r);
            ObjectNode row = out.addObject();
            ObjectNode features = row.putObject("features");
            ObjectNode metadata = row.putObject("metadata");
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (name.startsWith("f_")) {
                    int index = Integer.parseInt(name.substring(2));
                    double value = Double.parseDouble(cells[c]);
                    features.put(name, index >= from && index <= to ? value * factor : value);
                } else {
                    metadata.put(name, cells[c]);
                }
            }
        }
        return body;
    }

    /** Healthy rows. */
    public static ObjectNode rows(int first, int count) {
        return rows(first, count, 0, -1, 1);
    }
}
