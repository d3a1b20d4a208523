package dev.barge.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore}: patterns as Docker's file matcher reads them (Go {@code filepath.Match}
 * syntax plus {@code **}, paths cleaned, a leading {@code /} ignored) with {@code !} exceptions;
 * the last pattern that matches a path (or one of its parent directories) decides.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exception) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            String clean = clean(line);
            if (!clean.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(clean)), exception));
            }
        }
        return new DockerIgnore(rules);
    }

    /** True when {@code path} (relative to the context, {@code /}-separated) is left out of the context. */
    public boolean excludes(String path) {
        String p = clean(path);
        boolean excluded = false;
        for (Rule r : rules) {
            if (matchesOrParent(r.pattern(), p)) {
                excluded = !r.exception();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParent(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Go's filepath.Clean, relative: no leading {@code /} or {@code ./}, no empty or {@code .} parts. */
    private static String clean(String p) {
        List<String> parts = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String regex(String pattern) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        // "**/" matches no directory too
                        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                            i++;
                            r.append("(.*/)?");
                        } else {
                            r.append(".*");
                        }
                    } else {
                        r.append("[^/]*");
                    }
                }
                case '?' -> r.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        r.append("\\[");
                    } else {
                        String set = pattern.substring(i + 1, end);
                        r.append("[").append(set).append("]");
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        r.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }
}
