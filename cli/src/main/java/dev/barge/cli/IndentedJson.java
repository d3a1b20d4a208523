package dev.barge.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Go's json.Indent with four spaces, as docker inspect prints: "key": value, [] and {} when empty. */
final class IndentedJson {
    private IndentedJson() {}

    static String array(List<JsonNode> elements) {
        if (elements.isEmpty()) return "[]";
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < elements.size(); i++) {
            b.append("    ");
            write(b, elements.get(i), 1);
            b.append(i < elements.size() - 1 ? ",\n" : "\n");
        }
        return b.append(']').toString();
    }

    /** docker inspect --format json: the elements as one compact array (json.Compact of each). */
    static String compactArray(List<JsonNode> elements) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) b.append(',');
            compact(b, elements.get(i));
        }
        return b.append(']').toString();
    }

    private static void compact(StringBuilder b, JsonNode n) {
        if (n.isObject()) {
            b.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(quote(e.getKey())).append(':');
                compact(b, e.getValue());
                if (it.hasNext()) b.append(',');
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) b.append(',');
                compact(b, n.get(i));
            }
            b.append(']');
        } else {
            write(b, n, 0);
        }
    }

    static void write(StringBuilder b, JsonNode n, int depth) {
        String indent = "    ".repeat(depth + 1);
        String close = "    ".repeat(depth);
        if (n.isObject()) {
            if (n.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(indent).append(quote(e.getKey())).append(": ");
                write(b, e.getValue(), depth + 1);
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append(close).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                b.append(indent);
                write(b, n.get(i), depth + 1);
                b.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            b.append(close).append(']');
        } else if (n.isTextual()) {
            b.append(quote(n.textValue()));
        } else if (n.isNumber() || n.isBoolean()) {
            b.append(n.asText()); // not toString(): that sets up an ObjectMapper (~350 classes)
        } else {
            b.append("null");
        }
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
