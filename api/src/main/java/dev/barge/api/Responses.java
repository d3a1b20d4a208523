package dev.barge.api;

import dev.barge.core.Json;
import dev.barge.engineapi.ErrorMessage;
import dev.barge.http.Exchange;
import java.nio.charset.StandardCharsets;

/** Complete responses in the Engine API's forms. */
public final class Responses {
    public static final String JSON = "application/json";

    private Responses() {}

    /** {@code value} as JSON with this status. */
    public static void json(Exchange exchange, int status, Object value) {
        byte[] body = Json.bytes(value);
        byte[] line = new byte[body.length + 1];
        System.arraycopy(body, 0, line, 0, body.length);
        line[body.length] = '\n'; // as Go's json.Encoder, which moby uses
        exchange.respond(status, JSON, line);
    }

    public static void ok(Exchange exchange, Object value) {
        json(exchange, 200, value);
    }

    public static void noContent(Exchange exchange) {
        exchange.respond(204, null, new byte[0]);
    }

    public static void text(Exchange exchange, int status, String text) {
        exchange.respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"message": ...}}; 304 goes without a body, as HTTP wants. */
    public static void error(Exchange exchange, int status, String message) {
        if (status == 304) {
            exchange.respond(304, null, new byte[0]);
            return;
        }
        json(exchange, status, new ErrorMessage(message));
    }
}
