package dev.barge.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Docker's json function, Go's json.Marshal: compact, with &lt; &gt; &amp; escaped; method values (Func) are left out. */
final class JsonFunction {
    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    private JsonFunction() {}

    /** The template function: Docker's encoder has SetEscapeHTML(false). */
    static String encode(Object v) {
        return encode(v, false);
    }

    /** json.Marshal, which escapes &lt; &gt; &amp; (Docker's bare --format json takes this path). */
    static String encode(Object v, boolean escapeHtml) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            try (com.fasterxml.jackson.core.JsonGenerator g = FACTORY.createGenerator(w)) {
                write(g, plain(v, false));
            }
            String json = w.toString();
            return escapeHtml ? goEscapes(json) : json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (java.io.IOException e) {
            throw new TemplateException("error calling json: " + e.getMessage());
        }
    }

    /** json.Marshal's HTML-safe escapes; these characters can only occur inside JSON strings. */
    private static String goEscapes(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Writes what plain() returns; a streaming generator, as an ObjectMapper is slow to set up. */
    private static void write(com.fasterxml.jackson.core.JsonGenerator g, Object v) throws java.io.IOException {
        // instanceof, not a pattern switch: see Values.truth
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object e : c) write(g, e);
            g.writeEndArray();
        } else if (v instanceof Record r) {
            g.writeStartObject();
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                g.writeFieldName(c.getName());
                write(g, plain(Values.field(r, c.getName()), false));
            }
            g.writeEndObject();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** Fields that are Go maps in Docker's types, whatever their keys look like. */
    private static final java.util.Set<String> MAP_FIELDS = java.util.Set.of("Labels", "Attributes", "Networks",
            "Ports", "ExposedPorts", "Volumes", "Options", "DriverOpts", "Sysctls", "Tmpfs", "PortBindings",
            "Annotations", "StorageOpt", "Details");

    /** encoding/json's empty values for omitempty: false, 0, "", nil, and empty maps and slices. */
    private static boolean isEmpty(Object v) {
        Object n = Values.normalize(v);
        if (Values.isMissing(n)) return true;
        if (n instanceof Boolean b) return !b;
        if (n instanceof Number num) return num.doubleValue() == 0;
        if (n instanceof String s) return s.isEmpty();
        if (n instanceof Map<?, ?> m) return m.isEmpty() && !(m instanceof OmitsEmpty);
        if (n instanceof java.util.Collection<?> c) return c.isEmpty();
        return false;
    }

    private static Object plain(Object v, boolean knownMap) {
        Object n = Values.normalize(v);
        if (Values.isMissing(n) || GoNil.isNilCollection(n)) return null;
        if (n instanceof Map<?, ?> m && m instanceof OmitsEmpty struct) {
            // a typed Go struct: its fields in order, omitempty ones left out when zero
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (e.getValue() instanceof Func || struct.omitsEmpty(k) && isEmpty(e.getValue())) continue;
                out.put(k, plain(e.getValue(), MAP_FIELDS.contains(k)));
            }
            return out;
        }
        if (n instanceof Map<?, ?> m) {
            // Go marshals maps with sorted keys, structs in field order. The data are plain JSON, so an
            // object is taken for a map when it is a known map field or none of its keys looks like an
            // exported struct field (capitalised)
            boolean goMap = knownMap || !m.isEmpty() && m.keySet().stream().map(String::valueOf)
                    .noneMatch(k -> !k.isEmpty() && Character.isUpperCase(k.charAt(0)));
            Map<String, Object> out = goMap ? new java.util.TreeMap<>() : new LinkedHashMap<>();
            m.forEach((k, e) -> {
                if (!(e instanceof Func)) out.put(String.valueOf(k), plain(e, MAP_FIELDS.contains(String.valueOf(k))));
            });
            return out;
        }
        if (n instanceof Double d && !d.isNaN() && !d.isInfinite() && (d == 0 || Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21)) {
            // Go writes floats in this range without an exponent: 1.2345678e7 is 12345678
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        }
        if (n instanceof Collection<?> c) {
            var out = new ArrayList<>();
            c.forEach(e -> out.add(plain(e, false)));
            return out;
        }
        return n;
    }
}
