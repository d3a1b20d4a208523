package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Dockerfile-like {@code --change} instructions of {@code docker import} and
 * {@code docker commit}: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD is not among them, USER,
 * VOLUME, WORKDIR, STOPSIGNAL. Each applies to a {@link RunConfig} and returns the new one.
 */
final class ConfigChanges {
    private ConfigChanges() {}

    static RunConfig apply(RunConfig base, List<String> changes) {
        RunConfig config = base;
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = indexOfSpace(line);
            String word = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            config = applyOne(config, word, rest);
        }
        return config;
    }

    private static RunConfig applyOne(RunConfig c, String word, String rest) {
        return switch (word) {
            case "CMD" -> c.withCmd(commandLine(rest));
            case "ENTRYPOINT" -> c.withEntrypoint(commandLine(rest));
            case "ENV" -> c.withEnv(env(c.envOrEmpty(), pairs(rest, "ENV")));
            case "LABEL" -> c.withLabels(labels(c.labelsOrEmpty(), pairs(rest, "LABEL")));
            case "EXPOSE" -> c.withExposedPorts(ports(c.exposedPorts(), rest));
            case "USER" -> c.withUser(required(rest, word));
            case "WORKDIR" -> c.withWorkingDir(required(rest, word));
            case "STOPSIGNAL" -> c.withStopSignal(required(rest, word));
            case "VOLUME" -> c.withVolumes(volumes(c.volumes(), rest));
            default -> throw BargeException.invalid("%s is not a valid change command", word.toLowerCase(Locale.ROOT));
        };
    }

    private static String required(String rest, String word) {
        if (rest.isEmpty()) {
            throw BargeException.invalid("%s requires exactly one argument", word);
        }
        return unquote(rest);
    }

    /** JSON form {@code ["a","b"]} or shell form, wrapped in {@code /bin/sh -c}. */
    private static List<String> commandLine(String rest) {
        List<String> json = jsonArray(rest);
        return json != null ? json : List.of("/bin/sh", "-c", rest);
    }

    private static List<String> jsonArray(String rest) {
        if (!rest.startsWith("[")) {
            return null;
        }
        try {
            String[] parsed = Json.mapper().readValue(rest, String[].class);
            return List.of(parsed);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** {@code k=v k2="v 2"} or the legacy {@code k v w} (one pair, value is the rest). */
    static List<Map.Entry<String, String>> pairs(String rest, String word) {
        List<String> words = words(rest);
        if (words.isEmpty()) {
            throw BargeException.invalid("%s requires at least one argument", word);
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (!words.getFirst().contains("=")) {
            int space = indexOfSpace(rest);
            if (space < 0) {
                throw BargeException.invalid("%s names can not be blank", word);
            }
            pairs.add(Map.entry(rest.substring(0, space), rest.substring(space + 1).strip()));
            return pairs;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw BargeException.invalid("Syntax error - can't find = in \"%s\". Must be of the form: name=value", w);
            }
            pairs.add(Map.entry(w.substring(0, eq), w.substring(eq + 1)));
        }
        return pairs;
    }

    private static List<String> env(List<String> env, List<Map.Entry<String, String>> pairs) {
        List<String> result = new ArrayList<>(env);
        for (Map.Entry<String, String> p : pairs) {
            result.removeIf(e -> e.equals(p.getKey()) || e.startsWith(p.getKey() + "="));
            result.add(p.getKey() + "=" + p.getValue());
        }
        return result;
    }

    private static Map<String, String> labels(Map<String, String> labels, List<Map.Entry<String, String>> pairs) {
        Map<String, String> result = new LinkedHashMap<>(labels);
        pairs.forEach(p -> result.put(p.getKey(), p.getValue()));
        return result;
    }

    private static Map<String, Object> ports(Map<String, Object> ports, String rest) {
        Map<String, Object> result = ports == null ? new LinkedHashMap<>() : new LinkedHashMap<>(ports);
        for (String p : words(rest)) {
            String port = p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp";
            if (!port.matches("\\d+(-\\d+)?/(tcp|udp|sctp)")) {
                throw BargeException.invalid("invalid containerPort: %s", p);
            }
            result.put(port, Map.of());
        }
        return result;
    }

    private static Map<String, Object> volumes(Map<String, Object> volumes, String rest) {
        Map<String, Object> result = volumes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(volumes);
        List<String> json = jsonArray(rest);
        for (String v : json != null ? json : words(rest)) {
            if (v.isBlank()) {
                throw BargeException.invalid("VOLUME specified can not be an empty string");
            }
            result.put(v, Map.of());
        }
        return result;
    }

    /** Splits on blanks, honouring double and single quotes and backslash escapes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (ch == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String s) {
        List<String> w = words(s);
        return w.size() == 1 ? w.getFirst() : s;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
