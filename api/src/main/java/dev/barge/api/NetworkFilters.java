package dev.barge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} parameter of {@code GET /networks} and {@code POST /networks/prune}
 * ({@code {"key":{"v":true}}} or the legacy {@code {"key":["v"]}}), with moby's matching rules
 * for networks.
 */
record NetworkFilters(Map<String, Set<String>> values) {
    static final Set<String> LIST_KEYS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    static final Set<String> PRUNE_KEYS = Set.of("until", "label", "label!");

    static NetworkFilters parse(String json, Set<String> accepted) {
        if (json.isBlank()) {
            return new NetworkFilters(Map.of());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw BargeException.invalid("invalid filter: %s", json);
        }
        if (root == null || !root.isObject()) {
            throw BargeException.invalid("invalid filter: %s", json);
        }
        Map<String, Set<String>> values = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!accepted.contains(e.getKey())) {
                throw BargeException.invalid("invalid filter '%s'", e.getKey());
            }
            Set<String> set = new LinkedHashSet<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> set.add(v.asText()));
            } else if (e.getValue().isObject()) {
                e.getValue().properties().forEach(v -> {
                    if (v.getValue().asBoolean()) {
                        set.add(v.getKey());
                    }
                });
            }
            values.put(e.getKey(), Set.copyOf(set));
        });
        return new NetworkFilters(Map.copyOf(values));
    }

    Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** Absent key matches; otherwise some value must satisfy {@code test}. */
    boolean any(String key, java.util.function.Predicate<String> test) {
        Set<String> v = get(key);
        return v.isEmpty() || v.stream().anyMatch(test);
    }

    /** Every {@code k} / {@code k=v} of {@code key} present in {@code labels}. */
    boolean labels(String key, Map<String, String> labels) {
        return get(key).stream().allMatch(f -> {
            int eq = f.indexOf('=');
            String k = eq < 0 ? f : f.substring(0, eq);
            return labels.containsKey(k) && (eq < 0 || labels.get(k).equals(f.substring(eq + 1)));
        });
    }
}
