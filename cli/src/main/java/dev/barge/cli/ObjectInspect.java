package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** `network inspect`, `volume inspect`: each name asked for, found ones printed, failures after them. */
final class ObjectInspect {
    private ObjectInspect() {}

    static int run(Cli cli, String format, List<String> names, Function<String, Request> request) {
        return run(cli, format, names, request, n -> n);
    }

    /** @param shape how docker re-encodes what it decoded (when it prints its Go value, not the raw answer) */
    static int run(Cli cli, String format, List<String> names, Function<String, Request> request,
            java.util.function.UnaryOperator<JsonNode> shape) {
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(shape.apply(cli.client().json(request.apply(Request.segment(name)))));
            } catch (EngineException e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        InspectCommand.print(cli, format, found);
        errors.forEach(cli.err::println);
        return errors.isEmpty() ? 0 : 1;
    }

    /** encoding/json of a Go map: keys in sorted order. */
    static JsonNode sortedMaps(JsonNode n, String... fields) {
        if (!(n instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) return n;
        for (String f : fields) {
            JsonNode m = o.get(f);
            if (m instanceof com.fasterxml.jackson.databind.node.ObjectNode map) {
                java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
                map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
                map.removeAll();
                sorted.forEach(map::set);
            }
        }
        return n;
    }
}
