package dev.barge.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Go's ways of printing times, as the CLI shows them. */
final class Times {
    private static final DateTimeFormatter GO_STRING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_NANO_FIXED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX", Locale.ROOT);

    private Times() {}

    /** time.Unix(s, 0).String() in local time: "2024-01-02 15:04:05 +0000 UTC". */
    static String goString(long epochSeconds) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault()).format(GO_STRING);
    }

    /** time.RFC3339 in local time: "2024-01-02T15:04:05Z". */
    static String rfc3339(long epochSeconds) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault()).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** jsonmessage.RFC3339NanoFixed in local time. */
    static String rfc3339NanoFixed(long epochNanos) {
        Instant t = Instant.ofEpochSecond(0, epochNanos);
        return ZonedDateTime.ofInstant(t, ZoneId.systemDefault()).format(RFC3339_NANO_FIXED);
    }

    /** Epoch seconds of an RFC 3339 time such as a container's State.StartedAt; 0 if unparsable. */
    static long epochSeconds(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
