package dev.barge.build;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfile text to instructions: parser directives ({@code # escape=}, {@code # syntax=}),
 * comments, line continuations, flags and JSON arrays. Variables are expanded later, by the
 * executor, because their values depend on the build state.
 */
public final class DockerfileParser {
    private static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "ENTRYPOINT", "ENV", "ARG",
            "LABEL", "EXPOSE", "WORKDIR", "USER", "COPY", "ADD", "VOLUME", "STOPSIGNAL", "SHELL", "MAINTAINER",
            "HEALTHCHECK", "ONBUILD");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
    private static final Pattern FLAG = Pattern.compile("^--([a-zA-Z-]+)(?:=(\\S*))?\\s*");

    private DockerfileParser() {
    }

    public static List<Instruction> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        char escape = '\\';
        int i = 0;
        // parser directives: only at the very top, before any comment, blank line or instruction
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape")) {
                String v = m.group(2);
                if (!v.equals("\\") && !v.equals("`")) {
                    throw BargeException.invalid("dockerfile parse error line %d: invalid ESCAPE '%s'. Must be ` or \\", i + 1, v);
                }
                escape = v.charAt(0);
            }
        }
        List<Instruction> out = new ArrayList<>();
        while (i < lines.length) {
            String first = lines[i].strip();
            if (first.isEmpty() || first.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder joined = new StringBuilder();
            String line = lines[i];
            while (true) {
                String stripped = stripRight(line);
                if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
                    joined.append(stripped, 0, stripped.length() - 1);
                    i++;
                    // comment lines and blank lines inside a continuation are skipped
                    while (i < lines.length && (lines[i].strip().startsWith("#") || lines[i].isBlank())) {
                        i++;
                    }
                    if (i >= lines.length) {
                        break;
                    }
                    line = lines[i];
                } else {
                    joined.append(line);
                    i++;
                    break;
                }
            }
            String whole = joined.toString().strip();
            Matcher heredoc = HEREDOC.matcher(whole);
            if (whole.regionMatches(true, 0, "RUN", 0, 3) && heredoc.find()) {
                // RUN <<EOF: the lines up to the terminator are the script (or, after a command, its input)
                String word = heredoc.group(2);
                boolean stripTabs = !heredoc.group(1).isEmpty();
                StringBuilder body = new StringBuilder();
                boolean closed = false;
                while (i < lines.length) {
                    String l = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                    i++;
                    if (l.equals(word)) {
                        closed = true;
                        break;
                    }
                    body.append(l).append('\n');
                }
                if (!closed) {
                    throw BargeException.invalid("dockerfile parse error line %d: unterminated heredoc: missing %s", start, word);
                }
                Instruction head = instruction(start, whole);
                String args = head.args().equals(heredoc.group()) ? body.toString()
                        : head.args() + "\n" + body + word;
                out.add(new Instruction(start, head.keyword(), head.flags(), args, Optional.empty(), head.original()));
                continue;
            }
            out.add(instruction(start, whole));
        }
        return out;
    }

    static Instruction instruction(int line, String text) {
        int sp = firstSpace(text);
        String keyword = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
        String rest = sp < 0 ? "" : text.substring(sp).strip();
        if (!KEYWORDS.contains(keyword)) {
            throw BargeException.invalid("dockerfile parse error line %d: unknown instruction: %s", line,
                    sp < 0 ? text : text.substring(0, sp));
        }
        Map<String, String> flags = new LinkedHashMap<>();
        if (!keyword.equals("RUN") || rest.startsWith("--")) {
            Matcher m = FLAG.matcher(rest);
            while (m.find()) {
                flags.put(m.group(1), m.group(2) == null ? "true" : m.group(2));
                rest = rest.substring(m.end());
                m = FLAG.matcher(rest);
            }
        }
        checkFlags(line, keyword, flags.keySet());
        if (rest.isEmpty() && !keyword.equals("RUN")) {
            throw BargeException.invalid("dockerfile parse error line %d: %s requires at least one argument", line, keyword);
        }
        Optional<List<String>> json = Optional.empty();
        if (rest.startsWith("[")) {
            try {
                json = Optional.of(Json.mapper().readValue(rest, new TypeReference<List<String>>() { }));
            } catch (Exception e) {
                // not valid JSON: Docker takes it as shell form
            }
        }
        return new Instruction(line, keyword, flags, rest, json, normalized(keyword, text, sp));
    }

    /** The flags each instruction takes in the legacy builder; BuildKit's own are refused with Docker's words. */
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "COPY", Set.of("from", "chown", "chmod"),
            "ADD", Set.of("chown", "chmod"),
            "HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries"));
    private static final Set<String> BUILDKIT_FLAGS = Set.of("mount", "network", "security", "link", "checksum",
            "parents", "exclude", "keep-git-dir");

    private static void checkFlags(int line, String keyword, Set<String> flags) {
        for (String flag : flags) {
            if (FLAGS.getOrDefault(keyword, Set.of()).contains(flag)) {
                continue;
            }
            if (BUILDKIT_FLAGS.contains(flag)) {
                throw BargeException.invalid("dockerfile parse error line %d: the --%s option requires BuildKit. Refer to "
                        + "https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled",
                        line, flag);
            }
            throw BargeException.invalid("dockerfile parse error line %d: Unknown flag: %s", line, flag);
        }
    }

    private static String normalized(String keyword, String text, int sp) {
        return sp < 0 ? keyword : keyword + " " + text.substring(sp).strip();
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static String stripRight(String s) {
        return s.stripTrailing();
    }
}
