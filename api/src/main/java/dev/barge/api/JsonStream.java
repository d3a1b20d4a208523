package dev.barge.api;

import dev.barge.core.Json;
import dev.barge.engineapi.StreamError;
import dev.barge.http.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A stream of JSON objects (events, pull/load progress, build output): status 200 and headers go
 * out at once, then each {@link #write} sends one whole object and a newline as its own chunk.
 *
 * <p>Once the stream has started, no HTTP error can follow: a route reports a failure with
 * {@link #error}, which writes Docker's {@code {"errorDetail":{"message":m},"error":m}}, and
 * then closes the stream. Writes throw {@link UncheckedIOException} when the client is gone.
 */
public final class JsonStream implements AutoCloseable {
    private final OutputStream out;

    private JsonStream(OutputStream out) {
        this.out = out;
    }

    public static JsonStream open(Exchange exchange) {
        return new JsonStream(exchange.stream(200, Responses.JSON));
    }

    public void write(Object value) {
        try {
            out.write(Json.bytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void error(String message) {
        write(StreamError.of(message));
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the client went away: nothing left to tell it
        }
    }
}
