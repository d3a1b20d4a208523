package dev.barge.container;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Time as Docker prints it: Go's RFC3339Nano, with its zero time for "never". */
public final class Times {
    public static final String ZERO = dev.barge.core.GoTime.ZERO;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    public static long nowNanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Go's {@code RFC3339Nano}: trailing zeros of the fraction trimmed; 0 is the zero time. */
    public static String rfc3339Nano(long nanos) {
        return nanos == 0 ? ZERO : dev.barge.core.GoTime.format(instant(nanos));
    }

    /** Docker's {@code RFC3339NanoFixed}: always nine digits (log timestamps line up). */
    public static String rfc3339NanoFixed(long nanos) {
        return SECONDS.format(instant(nanos)) + "." + fraction(nanos) + "Z";
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    public static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Parses an RFC 3339 time with any offset; empty when it is not one. */
    public static java.util.Optional<Long> parseRfc3339(String text) {
        try {
            return java.util.Optional.of(nanos(OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * A {@code since}/{@code until} value as the CLI sends it: Unix seconds with an optional
     * {@code .nanos} fraction, or an RFC 3339 time. INVALID_ARGUMENT otherwise.
     */
    public static long parseTimestamp(String text) {
        java.util.Optional<Long> rfc = parseRfc3339(text);
        if (rfc.isPresent()) {
            return rfc.get();
        }
        try {
            int dot = text.indexOf('.');
            long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            long frac = 0;
            if (dot >= 0) {
                String f = (text.substring(dot + 1) + "000000000").substring(0, 9);
                frac = Long.parseLong(f);
            }
            return seconds * 1_000_000_000L + frac;
        } catch (NumberFormatException e) {
            throw dev.barge.core.BargeException.invalid("invalid value for since/until: %s", text);
        }
    }

    private static String fraction(long nanos) {
        return String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }
}
