package dev.barge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** A response head and its decoded body; closing it closes the connection. */
public record Response(int status, Map<String, String> headers, InputStream body) implements Closeable {
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public boolean successful() {
        // Go's client: anything below 400 is no error (304 "already stopped/started" included)
        return status >= 200 && status < 400;
    }

    public byte[] bytes() {
        try (body) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        return JsonCodec.read(body);
    }

    public Iterator<JsonNode> jsonStream() {
        return JsonCodec.stream(body);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
