package dev.barge.build;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code HEALTHCHECK [--interval=..] CMD ...} or {@code HEALTHCHECK NONE} to the image config's map. */
final class Healthchecks {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private Healthchecks() {
    }

    static Map<String, Object> parse(Instruction i) {
        String args = i.args().strip();
        if (args.equalsIgnoreCase("NONE")) {
            return Map.of("Test", List.of("NONE"));
        }
        if (!args.toUpperCase().startsWith("CMD")) {
            throw BargeException.invalid("dockerfile parse error line %d: Unknown type \"%s\" in HEALTHCHECK (try CMD)", i.line(), args);
        }
        String cmd = args.substring(3).strip();
        Instruction parsed = DockerfileParser.instruction(i.line(), "CMD " + cmd);
        List<String> test = new ArrayList<>();
        if (parsed.json().isPresent()) {
            test.add("CMD");
            test.addAll(parsed.json().get());
        } else {
            test.add("CMD-SHELL");
            test.add(cmd);
        }
        Map<String, Object> hc = new LinkedHashMap<>();
        hc.put("Test", test);
        putDuration(hc, "Interval", i, "interval");
        putDuration(hc, "Timeout", i, "timeout");
        putDuration(hc, "StartPeriod", i, "start-period");
        putDuration(hc, "StartInterval", i, "start-interval");
        if (!i.flag("retries").isEmpty()) {
            try {
                hc.put("Retries", Integer.parseInt(i.flag("retries")));
            } catch (NumberFormatException e) {
                throw BargeException.invalid("dockerfile parse error line %d: invalid retries: %s", i.line(), i.flag("retries"));
            }
        }
        return hc;
    }

    /** A Go duration ({@code 1m30s}) in nanoseconds, as Docker stores them. */
    private static void putDuration(Map<String, Object> hc, String field, Instruction i, String flag) {
        String v = i.flag(flag);
        if (v.isEmpty()) {
            return;
        }
        Matcher m = DURATION_PART.matcher(v);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        if (end != v.length() || end == 0) {
            throw BargeException.invalid("dockerfile parse error line %d: time: invalid duration \"%s\"", i.line(), v);
        }
        hc.put(field, (long) nanos);
    }
}
