package dev.barge.runtime.conmon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Json;
import java.nio.charset.StandardCharsets;

/**
 * One line conmon writes on its sync pipe ({@code {"data": N, "message": "..."}}): a PID after
 * create/exec, an exec's exit code at its end, or -1 (or a negative status) with the runtime's
 * error text.
 */
record SyncMessage(int data, String message) {
    static SyncMessage parse(String line) {
        JsonNode node = Json.parse(line.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        return new SyncMessage(node.path("data").asInt(-1), node.path("message").asText(""));
    }

    boolean failed() {
        return data < 0 || !message.isEmpty();
    }
}
