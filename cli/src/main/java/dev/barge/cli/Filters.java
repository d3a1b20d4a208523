package dev.barge.cli;

import dev.barge.client.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** --filter key=value flags as the Engine API's filters parameter: {"key":{"value":true}}. */
final class Filters {
    private Filters() {}

    static Map<String, Map<String, Boolean>> parse(List<String> flags) {
        return parse(flags, "-f, --filter");
    }

    /** @param flag the flag as docker names it in errors: "--filter" where it has no -f */
    static Map<String, Map<String, Boolean>> parse(List<String> flags, String flag) {
        Map<String, Map<String, Boolean>> filters = new TreeMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new UsageException("invalid argument \"" + f + "\" for \"" + flag + "\" flag: "
                    + "bad format of filter (expected name=value)");
            filters.computeIfAbsent(f.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), k -> new TreeMap<>())
                    .put(f.substring(eq + 1).trim(), true);
        }
        return filters;
    }

    static String json(Map<String, Map<String, Boolean>> filters) {
        return new String(JsonCodec.bytes(filters), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String json(List<String> flags) {
        return json(parse(flags));
    }
}
