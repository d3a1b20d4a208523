package dev.barge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The container configuration a {@code POST /commit} body may carry (docker-py's {@code conf},
 * docker-java's commit command), as Dockerfile changes: moby gives the body's non-empty fields
 * precedence over the container's and then applies {@code changes}, so they come first.
 */
final class CommitConfig {
    private CommitConfig() {}

    static List<String> asChanges(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw BargeException.invalid("invalid commit config: %s", e.getMessage());
        }
        List<String> out = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return out;
        }
        root.path("Labels").properties().forEach(e ->
                out.add("LABEL " + quote(e.getKey()) + "=" + quote(e.getValue().asText())));
        root.path("Env").forEach(e -> {
            String kv = e.asText();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.add("ENV " + kv.substring(0, eq) + "=" + quote(kv.substring(eq + 1)));
            }
        });
        root.path("ExposedPorts").properties().forEach(e -> out.add("EXPOSE " + e.getKey()));
        root.path("Volumes").properties().forEach(e -> out.add("VOLUME " + Json.string(List.of(e.getKey()))));
        text(root, "WorkingDir").ifPresent(v -> out.add("WORKDIR " + v));
        text(root, "User").ifPresent(v -> out.add("USER " + v));
        if (root.path("Entrypoint").isArray() && !root.path("Entrypoint").isEmpty()) {
            out.add("ENTRYPOINT " + root.path("Entrypoint"));
        }
        if (root.path("Cmd").isArray() && !root.path("Cmd").isEmpty()) {
            out.add("CMD " + root.path("Cmd"));
        }
        return out;
    }

    private static java.util.Optional<String> text(JsonNode root, String field) {
        return root.path(field).isTextual() && !root.path(field).asText().isEmpty()
                ? java.util.Optional.of(root.path(field).asText()) : java.util.Optional.empty();
    }

    /** A Dockerfile word in double quotes, backslashes and quotes escaped. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
