package dev.barge.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time as Go's encoding/json writes a {@code time.Time} (RFC3339Nano): the fraction keeps only
 * the digits it needs, so {@code .250} is {@code .25}. Java's ISO_INSTANT pads to groups of three,
 * which Docker's clients would print differently from what dockerd sends.
 */
public final class GoTime {
    /** Go's zero time, which Docker sends for "never". */
    public static final String ZERO = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {}

    public static String format(Instant t) {
        StringBuilder s = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') end--;
            s.append('.').append(fraction, 0, end);
        }
        return s.append('Z').toString();
    }
}
