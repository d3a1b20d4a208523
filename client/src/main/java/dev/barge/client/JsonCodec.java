package dev.barge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/** The client's JSON: created on first use so commands without JSON start without Jackson. */
public final class JsonCodec {
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private JsonCodec() {}

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode read(InputStream in) {
        try (in) {
            JsonNode n = mapper().readTree(in);
            return n == null ? mapper().missingNode() : n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON values one after another, as /events, /images/load and progress streams send them. */
    public static Iterator<JsonNode> stream(InputStream in) {
        try {
            MappingIterator<JsonNode> it = mapper().readerFor(JsonNode.class).readValues(in);
            return it;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
