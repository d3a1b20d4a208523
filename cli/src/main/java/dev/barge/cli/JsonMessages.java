package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Response;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * jsonmessage.DisplayJSONMessagesStream without a terminal: "stream" text as is, "status" lines
 * prefixed by their id, and an "error" ends the stream as a failure.
 */
final class JsonMessages {
    private JsonMessages() {}

    static void display(Response response, PrintStream out) {
        String type = response.header("Content-Type").orElse("");
        if (!type.contains("json")) {
            out.print(response.text());
            return;
        }
        Iterator<JsonNode> messages = response.jsonStream();
        while (messages.hasNext()) {
            JsonNode m = messages.next();
            if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
                String message = m.path("errorDetail").path("message").asText(m.path("error").asText());
                throw new StatusException(1, message);
            }
            if (m.hasNonNull("stream")) {
                out.print(m.get("stream").asText());
            } else if (m.hasNonNull("status")) {
                String id = m.path("id").asText("");
                String progress = m.path("progress").asText("");
                out.println((id.isEmpty() ? "" : id + ": ") + m.get("status").asText()
                        + (progress.isEmpty() ? "" : " " + progress));
            }
            // "aux" (an image ID) is shown by the stream lines already
        }
        out.flush();
    }
}
