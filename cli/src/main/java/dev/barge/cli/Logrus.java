package dev.barge.cli;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The docker CLI logs some failures through logrus, whose text format on a non-terminal is
 * {@code time="2026-11-23T16:29:48Z" level=error msg="..."}: scripts match these lines, so we
 * print them alike.
 */
final class Logrus {
    private Logrus() {}

    static void error(PrintStream err, String message) {
        String time = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        err.println("time=\"" + time + "\" level=error msg=" + quoteIfNeeded(message));
    }

    /** logrus quotes a value unless it is all letters, digits and {@code -._/@^+}; quoting is Go's %q. */
    static String quoteIfNeeded(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-._/@^+".indexOf(c) >= 0)) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
