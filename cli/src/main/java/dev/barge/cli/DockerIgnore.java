package dev.barge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * .dockerignore as moby's ignorefile and patternmatcher read it: one pattern a line, '#' comments,
 * '!' exceptions, later lines win, a pattern that matches a directory excludes what is under it,
 * '*' and '?' stay within one path part, '**' crosses any number of them.
 */
final class DockerIgnore {
    record Rule(String pattern, boolean exception, Pattern regex) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore of(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String p : patterns) {
            boolean exception = p.startsWith("!");
            String body = exception ? p.substring(1) : p;
            rules.add(new Rule(body, exception, compile(body)));
        }
        return new DockerIgnore(rules);
    }

    /** ignorefile.ReadAll: trimmed lines, comments and blanks dropped, paths cleaned and made relative. */
    static List<String> parse(String text) {
        List<String> patterns = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            if (raw.startsWith("#")) continue;
            String p = raw.strip();
            if (p.isEmpty()) continue;
            boolean invert = p.charAt(0) == '!';
            if (invert) p = p.substring(1).strip();
            if (!p.isEmpty()) {
                p = clean(p);
                if (p.length() > 1 && p.charAt(0) == '/') p = p.substring(1);
            }
            patterns.add(invert ? "!" + p : p);
        }
        return patterns;
    }

    boolean hasExceptions() {
        for (Rule r : rules) if (r.exception()) return true;
        return false;
    }

    /** patternmatcher.MatchesOrParentMatches for a slash-separated path relative to the context. */
    boolean excludes(String file) {
        boolean matched = false;
        int slash = file.lastIndexOf('/');
        String parent = slash < 0 ? "." : file.substring(0, slash);
        String[] parentDirs = parent.split("/");
        for (Rule r : rules) {
            if (r.exception() != matched) continue;
            boolean match = r.regex().matcher(file).matches();
            if (!match && !parent.equals(".")) {
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < parentDirs.length && !match; i++) {
                    if (i > 0) prefix.append('/');
                    prefix.append(parentDirs[i]);
                    match = r.regex().matcher(prefix).matches();
                }
            }
            if (match) matched = !r.exception();
        }
        return matched;
    }

    /** patternmatcher's translation of a pattern to a regular expression. */
    static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char ch = pattern.charAt(i);
            if (ch == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') i++;
                    re.append(i + 1 >= n ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (ch == '?') {
                re.append("[^/]");
            } else if (".+()|{}$".indexOf(ch) >= 0) {
                re.append('\\').append(ch);
            } else if (ch == '\\') {
                if (i + 1 < n) re.append('\\').append(pattern.charAt(++i));
                else re.append("\\\\");
            } else if (ch == '^') {
                re.append("\\^");
            } else {
                re.append(ch);
            }
        }
        re.append('$');
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new StatusException(1, "syntax error in pattern");
        }
    }

    /** filepath.Clean for slash paths. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) out.removeLast();
                else if (!rooted) out.add("..");
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }
}
