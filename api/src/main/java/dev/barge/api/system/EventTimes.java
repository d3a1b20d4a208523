package dev.barge.api.system;

import dev.barge.core.BargeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code since}/{@code until} of {@code /events}: Unix seconds with an optional fraction (what the
 * CLI sends, e.g. {@code 1700000000.123456789}) or an RFC 3339 time. Returns epoch nanoseconds.
 */
final class EventTimes {
    private static final Pattern UNIX = Pattern.compile("(-?[0-9]+)(?:\\.([0-9]{1,9}))?");

    private EventTimes() {}

    static long parseNanos(String name, String text) {
        Matcher m = UNIX.matcher(text);
        if (m.matches()) {
            long seconds = Long.parseLong(m.group(1));
            long nanos = m.group(2) == null ? 0 : Long.parseLong((m.group(2) + "000000000").substring(0, 9));
            return Math.multiplyExact(seconds, 1_000_000_000L) + nanos;
        }
        try {
            Instant t = OffsetDateTime.parse(text).toInstant();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            throw BargeException.invalid("invalid value for %s: %s is not a timestamp", name, text);
        }
    }

    static long nowNanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
