package dev.barge.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * --since/--until values as docker's timetypes.GetTimestamp sends them: Unix seconds with
 * nanoseconds ("1700000000.000000000"); accepts durations ("10m", "1h30m"), RFC 3339 and Unix times.
 */
final class TimeArg {
    private TimeArg() {}

    static String timestamp(String value, Instant now) {
        String v = value.trim();
        if (v.matches("-?\\d+(\\.\\d+)?")) return v;
        if (v.matches("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+")) return epoch(now.minus(duration(v)));
        try {
            return epoch(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            // not a full RFC 3339 time
        }
        ZoneId zone = ZoneId.systemDefault();
        try {
            return epoch(LocalDateTime.parse(v).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return epoch(LocalDate.parse(v).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new StatusException(125, "invalid value for \"since\"/\"until\": " + value);
        }
    }

    static Duration duration(String v) {
        Duration total = Duration.ZERO;
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)").matcher(v);
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            long nanos = (long) (n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1_000;
                case "ms" -> 1_000_000;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            });
            total = total.plusNanos(nanos);
        }
        return total;
    }

    private static String epoch(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }
}
