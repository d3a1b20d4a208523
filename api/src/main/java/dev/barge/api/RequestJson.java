package dev.barge.api;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import java.io.IOException;

/**
 * Request bodies read as dockerd reads them: Go's encoding/json matches field names without
 * regard to case, so {@code detachKeys} (docker-py) or {@code cmd} is as good as {@code Cmd}.
 */
final class RequestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(Json.mapper().getFactory())
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private RequestJson() {}

    /** Parses a request body; malformed input is an {@link ErrorKind#INVALID_ARGUMENT}. */
    static <T> T parse(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw new BargeException(ErrorKind.INVALID_ARGUMENT, "invalid JSON: " + why, e);
        }
    }
}
