package dev.barge.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Docker's json function, Go's json.Marshal: compact, with &lt; &gt; &amp; escaped; method values (Func) are left out. */
final class JsonFunction {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFunction() {}

    static String encode(Object v) {
        try {
            return goEscapes(MAPPER.writeValueAsString(plain(v)));
        } catch (JsonProcessingException e) {
            throw new TemplateException("error calling json: " + e.getOriginalMessage());
        }
    }

    /** json.Marshal's HTML-safe escapes; these characters can only occur inside JSON strings. */
    private static String goEscapes(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
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
