package dev.barge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a registry's error body. {@link #toString} is Docker's rendering,
 * {@code "manifest unknown: manifest unknown"}.
 *
 * @param code    as sent on the wire (kept even when unknown to us)
 * @param message the registry's message
 */
public record RegistryError(String code, String message) {

    public ErrorCode known() {
        return ErrorCode.of(code);
    }

    /** The entries of a spec error body; empty when the body is not one. */
    public static List<RegistryError> parse(byte[] body) {
        List<RegistryError> errors = new ArrayList<>();
        try {
            JsonNode root = Json.mapper().readTree(body);
            for (JsonNode e : root.path("errors")) {
                errors.add(new RegistryError(e.path("code").asText("UNKNOWN"), e.path("message").asText("")));
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the caller falls back on the status
        }
        return errors;
    }

    /** The spec's error body for one error. */
    public static byte[] body(ErrorCode code, String message, Object detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code.name());
        e.put("message", message);
        e.put("detail", detail);
        return Json.bytes(Map.of("errors", List.of(e)));
    }

    @Override
    public String toString() {
        String name = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return message.isEmpty() ? name : name + ": " + message;
    }
}
