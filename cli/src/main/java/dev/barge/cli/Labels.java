package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.template.Func;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A listing row's Labels ("k=v,k2=v2", sorted: docker's map order is random) and its Label "key" method. */
final class Labels {
    private Labels() {}

    static void put(Map<String, Object> row, JsonNode labelsNode) {
        Map<String, String> labels = new TreeMap<>();
        labelsNode.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=" + v));
        row.put("Labels", String.join(",", pairs));
        row.put("Label", (Func) args -> labels.getOrDefault(String.valueOf(args.getFirst()), ""));
    }
}
