package dev.barge.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Docker's json function: compact JSON without HTML escaping; method values (Func) are left out. */
final class JsonFunction {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFunction() {}

    static String encode(Object v) {
        try {
            return MAPPER.writeValueAsString(plain(v));
        } catch (JsonProcessingException e) {
            throw new TemplateException("error calling json: " + e.getOriginalMessage());
        }
    }

    private static Object plain(Object v) {
        if (v instanceof JsonNode) return v;
        Object n = Values.normalize(v);
        if (Values.isMissing(n)) return null;
        if (n instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> {
                if (!(e instanceof Func)) out.put(String.valueOf(k), plain(e));
            });
            return out;
        }
        if (n instanceof Collection<?> c) {
            var out = new ArrayList<>();
            c.forEach(e -> out.add(plain(e)));
            return out;
        }
        return n;
    }
}
