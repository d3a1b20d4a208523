package dev.barge.container;

import dev.barge.core.ErrorKind;
import java.util.Locale;

/**
 * Reads a runtime's start error the way Docker does, so the CLI exits 127 (command not found),
 * 126 (cannot invoke) or 125: the words "executable file not found", "no such file or
 * directory", "permission denied" travel in the message, and the status is 400 for those.
 */
final class StartFailure {
    private StartFailure() {}

    static int exitCode(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("executable file not found") || m.contains("no such file or directory")
                || m.contains("not a directory")) {
            return 127;
        }
        if (m.contains("permission denied") || m.contains("is a directory")) {
            return 126;
        }
        return 128;
    }

    static ErrorKind kind(String message) {
        return exitCode(message) == 128 ? ErrorKind.INTERNAL : ErrorKind.INVALID_ARGUMENT;
    }

    private static final java.util.regex.Pattern LOGRUS =
            java.util.regex.Pattern.compile("time=\"[^\"]*\" level=\\w+ msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** runc's logrus line ({@code time="..." level=error msg="..."}) reduced to its message, unescaped. */
    static String unwrapLogrus(String message) {
        java.util.regex.Matcher m = LOGRUS.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String msg = m.group(1).replaceAll("\\\\(.)", "$1");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(msg));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Docker's wording around the runtime's own message. */
    static String describe(String message) {
        String m = unwrapLogrus(message);
        if (m.toLowerCase(Locale.ROOT).contains("not a directory")) {
            m += ": Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host "
                    + "path exists and is the expected type";
        }
        if (m.startsWith("failed to create task")) {
            return m;
        }
        String prefix = "failed to create task for container: failed to create shim task: ";
        return m.startsWith("OCI runtime") ? prefix + m : prefix + "OCI runtime create failed: " + m;
    }
}
