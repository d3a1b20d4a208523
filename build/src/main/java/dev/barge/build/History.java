package dev.barge.build;

import dev.barge.image.ImageService;
import dev.barge.image.RunConfig;
import java.util.List;
import dev.barge.core.Json;
import java.util.stream.Collectors;

/**
 * A configuration step's history line as Docker's legacy builder writes it: variables expanded,
 * ENV and LABEL pairs unquoted, CMD and ENTRYPOINT as Go's {@code %q} of the command, VOLUME as
 * Go's {@code %v} of the list.
 */
final class History {
    private History() {
    }

    /** @param rest the instruction's arguments, variables expanded */
    static String of(String keyword, String rest, RunConfig config) {
        return switch (keyword) {
            case "ENV", "LABEL" -> keyword + ImageService.keyValues(rest, keyword).stream()
                    .map(p -> " " + p.getKey() + "=" + p.getValue()).collect(Collectors.joining());
            case "CMD" -> "CMD " + quoted(config.cmd());
            case "ENTRYPOINT" -> "ENTRYPOINT " + quoted(config.entrypoint());
            case "VOLUME" -> "VOLUME [" + String.join(" ", volumes(rest)) + "]";
            default -> keyword + " " + rest;
        };
    }

    /** VOLUME's own list: a JSON array or words. */
    private static List<String> volumes(String rest) {
        if (rest.startsWith("[")) {
            try {
                return List.of(Json.mapper().readValue(rest, String[].class));
            } catch (java.io.IOException e) {
                // not JSON: words, as Docker reads it
            }
        }
        return List.of(rest.strip().split("\\s+"));
    }

    /** Go's {@code %q} of a string slice: {@code ["a" "b c"]}. */
    static String quoted(List<String> words) {
        if (words == null) {
            return "[]";
        }
        return words.stream().map(History::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
