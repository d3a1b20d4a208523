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

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};

    private Times() {}

    /**
     * time.ANSIC of an RFC 3339 time when the local zone is UTC, without java.time's parser and
     * zone database (their set-up costs a CLI tens of milliseconds); empty otherwise.
     */
    static java.util.Optional<String> utcAnsic(String rfc3339) {
        if (!LocalZone.IS_UTC || rfc3339.length() < 20 || rfc3339.charAt(4) != '-' || rfc3339.charAt(10) != 'T') {
            return java.util.Optional.empty();
        }
        try {
            int offsetAt = Math.max(rfc3339.lastIndexOf('+'), Math.max(rfc3339.lastIndexOf('-'), rfc3339.lastIndexOf('Z')));
            if (offsetAt < 19) return java.util.Optional.empty();
            int offset = 0;
            if (rfc3339.charAt(offsetAt) != 'Z') {
                int sign = rfc3339.charAt(offsetAt) == '-' ? -1 : 1;
                offset = sign * (Integer.parseInt(rfc3339.substring(offsetAt + 1, offsetAt + 3)) * 3600
                        + Integer.parseInt(rfc3339.substring(offsetAt + 4, offsetAt + 6)) * 60);
            }
            java.time.LocalDateTime local = java.time.LocalDateTime.of(Integer.parseInt(rfc3339.substring(0, 4)),
                    Integer.parseInt(rfc3339.substring(5, 7)), Integer.parseInt(rfc3339.substring(8, 10)),
                    Integer.parseInt(rfc3339.substring(11, 13)), Integer.parseInt(rfc3339.substring(14, 16)),
                    Integer.parseInt(rfc3339.substring(17, 19))).minusSeconds(offset);
            int d = local.getDayOfMonth();
            return java.util.Optional.of(DAYS[local.getDayOfWeek().ordinal()] + " " + MONTHS[local.getMonthValue() - 1] + " "
                    + (d < 10 ? " " + d : Integer.toString(d)) + " " + two(local.getHour()) + ":" + two(local.getMinute())
                    + ":" + two(local.getSecond()) + " " + local.getYear());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Whether local time is UTC, decided as the JDK does (TZ, then /etc/timezone, then /etc/localtime) but cheaply. */
    private static final class LocalZone {
        static final boolean IS_UTC = isUtc();

        private static boolean isUtc() {
            String tz = System.getenv("TZ");
            if (tz != null) return utcName(tz.startsWith(":") ? tz.substring(1) : tz);
            try {
                java.nio.file.Path timezone = java.nio.file.Path.of("/etc/timezone");
                if (java.nio.file.Files.isRegularFile(timezone)) return utcName(java.nio.file.Files.readString(timezone).strip());
                java.nio.file.Path localtime = java.nio.file.Path.of("/etc/localtime");
                if (!java.nio.file.Files.exists(localtime)) return true;
                return utcName(localtime.toRealPath().toString());
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }

        private static boolean utcName(String name) {
            String n = name.endsWith("/") ? name : name.substring(name.lastIndexOf('/') + 1);
            return name.isEmpty() || n.equals("UTC") || n.equals("UCT") || n.equals("Universal") || n.equals("Zulu")
                    || name.equals("Etc/GMT") || name.endsWith("/Etc/GMT") || name.equals("UTC0");
        }
    }

    /** time.Unix(s, 0).String() in local time: "2024-01-02 15:04:05 +0000 UTC". */
    static String goString(long epochSeconds) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneId.systemDefault()).format(GO_STRING);
    }

    /** time.Time.String() of an RFC 3339 time with nanoseconds: "2024-01-02 15:04:05.12345 +0000 UTC". */
    static String goString(String rfc3339Nano) {
        try {
            ZonedDateTime t = OffsetDateTime.parse(rfc3339Nano).atZoneSameInstant(ZoneId.systemDefault());
            String whole = t.format(GO_STRING);
            int nanos = t.getNano();
            if (nanos == 0) return whole;
            String fraction = String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
            return whole.substring(0, 19) + "." + fraction + whole.substring(19);
        } catch (DateTimeParseException e) {
            return rfc3339Nano;
        }
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
