package dev.barge.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The project's one JSON configuration: lenient on input, stable on output. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw BargeException.internal("cannot encode JSON", e);
        }
    }

    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw BargeException.internal("cannot encode JSON", e);
        }
    }

    /** Parses JSON; malformed input is an {@link ErrorKind#INVALID_ARGUMENT}. */
    public static <T> T parse(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new BargeException(ErrorKind.INVALID_ARGUMENT, "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new BargeException(ErrorKind.INVALID_ARGUMENT, "invalid JSON: " + e.getMessage(), e);
        }
    }
}
