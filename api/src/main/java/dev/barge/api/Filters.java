package dev.barge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.http.Exchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} query parameter, moby's {@code filters.Args}: JSON {@code {"key":{"v":true}}}
 * (or the legacy {@code {"key":["v"]}}). A key absent from the filters matches everything.
 */
public final class Filters {
    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    public static Filters none() {
        return new Filters(Map.of());
    }

    /** Parses the request's {@code filters} and rejects keys outside {@code accepted} as moby does. */
    public static Filters of(Exchange exchange, Set<String> accepted) {
        Filters f = exchange.queryParam("filters").filter(s -> !s.isBlank()).map(Filters::parse).orElse(none());
        for (String key : f.values.keySet()) {
            if (!accepted.contains(key)) {
                throw BargeException.invalid("invalid filter '%s'", key);
            }
        }
        return f;
    }

    public static Filters parse(String json) {
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
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            Set<String> set = new LinkedHashSet<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> set.add(v.asText()));
            } else if (e.getValue().isObject()) {
                e.getValue().properties().forEach(v -> {
                    if (v.getValue().asBoolean()) {
                        set.add(v.getKey());
                    }
                });
            } else {
                throw BargeException.invalid("invalid filter: %s", json);
            }
            values.put(e.getKey(), Set.copyOf(set));
        }
        return new Filters(Map.copyOf(values));
    }

    /** The filters for a domain service: each key's values, sorted. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.stream().sorted().toList()));
        return out;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> values(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** True when the key is absent or {@code source} is one of its values. */
    public boolean exactMatch(String key, String source) {
        Set<String> v = values.get(key);
        return v == null || v.isEmpty() || v.contains(source);
    }

    /** True when the key is absent, or some value equals or is a prefix of {@code source} (IDs). */
    public boolean fuzzyMatch(String key, String source) {
        Set<String> v = values.get(key);
        if (v == null || v.isEmpty()) {
            return true;
        }
        for (String value : v) {
            if (source.startsWith(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when the key is absent, or some value satisfies {@code test}. */
    public boolean anyMatch(String key, java.util.function.Predicate<String> test) {
        Set<String> v = values.get(key);
        return v == null || v.isEmpty() || v.stream().anyMatch(test);
    }

    /** Labels: every {@code k} or {@code k=v} value must be present in {@code labels}. */
    public boolean matchLabels(String key, Map<String, String> labels) {
        Set<String> v = values.get(key);
        if (v == null || v.isEmpty()) {
            return true;
        }
        for (String value : v) {
            int eq = value.indexOf('=');
            String k = eq < 0 ? value : value.substring(0, eq);
            if (!labels.containsKey(k) || (eq >= 0 && !labels.get(k).equals(value.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }
}
