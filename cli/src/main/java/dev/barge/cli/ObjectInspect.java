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
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(cli.client().json(request.apply(Request.segment(name))));
            } catch (EngineException e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        InspectCommand.print(cli, format, found);
        errors.forEach(cli.err::println);
        return errors.isEmpty() ? 0 : 1;
    }
}
