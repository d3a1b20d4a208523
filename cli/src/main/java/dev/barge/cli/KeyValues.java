package dev.barge.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker's map flags (-o k=v) and --label lists as the maps the Engine API takes. */
final class KeyValues {
    private KeyValues() {}

    /** opts.MapOpts: "k=v" is k to v, a bare "k" is k to "". */
    static Map<String, String> map(List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            m.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
        }
        return m;
    }

    /** opts.ConvertKVStringsToMap, as for labels: the same rule. */
    static Map<String, String> labels(List<String> values) {
        return map(values);
    }
}
