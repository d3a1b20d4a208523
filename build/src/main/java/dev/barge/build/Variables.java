package dev.barge.build;

import dev.barge.core.BargeException;
import java.util.Map;

/** Dockerfile variable expansion: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:+alt}}. */
public final class Variables {
    private Variables() {
    }

    public static String expand(String s, Map<String, String> vars, int line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw BargeException.invalid("dockerfile parse error line %d: missing '}' in: %s", line, s);
                }
                out.append(braced(s.substring(i + 2, end), vars, line));
                i = end + 1;
            } else if (c == '$' && i + 1 < s.length() && isNameChar(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && isNameChar(s.charAt(j))) {
                    j++;
                }
                out.append(vars.getOrDefault(s.substring(i + 1, j), ""));
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String braced(String body, Map<String, String> vars, int line) {
        int op = body.indexOf(':');
        if (op < 0) {
            return vars.getOrDefault(body, "");
        }
        String name = body.substring(0, op);
        if (op + 1 >= body.length()) {
            throw BargeException.invalid("dockerfile parse error line %d: bad substitution: ${%s}", line, body);
        }
        String word = body.substring(op + 2);
        String value = vars.getOrDefault(name, "");
        return switch (body.charAt(op + 1)) {
            case '-' -> value.isEmpty() ? expand(word, vars, line) : value;
            case '+' -> value.isEmpty() ? "" : expand(word, vars, line);
            default -> throw BargeException.invalid("dockerfile parse error line %d: unsupported modifier (%c) in substitution",
                    line, body.charAt(op + 1));
        };
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
