package dev.barge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filters} query parameter: JSON, either {@code {"status":["running"]}} or the older
 * {@code {"status":{"running":true}}}.
 */
final class QueryFilters {
    private QueryFilters() {}

    static Map<String, List<String>> parse(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw BargeException.invalid("invalid filter: %s", json);
        }
        if (!root.isObject()) {
            throw BargeException.invalid("invalid filter: %s", json);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
            } else if (v.isObject()) {
                v.fieldNames().forEachRemaining(k -> {
                    if (v.get(k).asBoolean(true)) {
                        values.add(k);
                    }
                });
            } else {
                values.add(v.asText());
            }
            out.put(e.getKey(), values);
        }
        return out;
    }
}
