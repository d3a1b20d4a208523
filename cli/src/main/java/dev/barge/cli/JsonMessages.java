package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Response;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * jsonmessage.DisplayJSONMessagesStream without a terminal: "stream" text as is, "status" lines
 * prefixed by their id, progress updates left out, and an "error" ends the stream as a failure.
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
                // progress updates are drawn in place on a terminal; written out line by line they
                // are noise, and docker leaves them out when not on a terminal
                boolean progress = !m.path("progress").asText("").isEmpty()
                        || m.path("progressDetail").path("total").asLong() > 0;
                if (progress) continue;
                String id = m.path("id").asText("");
                out.println((id.isEmpty() ? "" : id + ": ") + m.get("status").asText());
            }
            // "aux" (an image ID) is shown by the stream lines already
        }
        out.flush();
    }
}
