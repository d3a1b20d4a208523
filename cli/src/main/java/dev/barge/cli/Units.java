package dev.barge.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** Docker's go-units wording of durations and sizes, and its ways of shortening IDs and text. */
final class Units {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Units() {}

    /** units.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        long minutes = d.toMinutes();
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        long hours = Math.round(d.toMillis() / 3_600_000.0); // d.Round(time.Hour)
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return hours / 24 + " days";
        if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
        if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
        return d.toHours() / 24 / 365 + " years";
    }

    /** "2 hours ago" for a Unix time in seconds, as the CLI's CreatedSince; 0 is "N/A". */
    static String since(long epochSeconds, Instant now) {
        if (epochSeconds <= 0) return "N/A";
        return humanDuration(Duration.between(Instant.ofEpochSecond(epochSeconds), now)) + " ago";
    }

    /** units.HumanSizeWithPrecision(size, 3): "4.26MB", "0B". */
    static String size(double bytes) {
        return sized(bytes, 1000, DECIMAL, 3);
    }

    /** units.HumanSize (precision 4), as prune's "Total reclaimed space". */
    static String humanSize(double bytes) {
        return sized(bytes, 1000, DECIMAL, 4);
    }

    /** units.HumanSizeWithPrecision(n, 3), as cp reports what it copied: "2.05kB". */
    static String humanSize3(double bytes) {
        return sized(bytes, 1000, DECIMAL, 3);
    }

    /** units.BytesSize: binary units, "3.84GiB". */
    static String bytesSize(double bytes) {
        return sized(bytes, 1024, BINARY, 4);
    }

    private static String sized(double size, double base, String[] units, int precision) {
        int i = 0;
        while (size >= base && i < units.length - 1) {
            size /= base;
            i++;
        }
        return goG(size, precision) + units[i];
    }

    /** fmt's %.Ng: N significant digits, trailing zeros dropped, exponent form when it is large. */
    static String goG(double value, int precision) {
        if (value == 0) return "0";
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        if (exp < -4 || exp >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exp).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : plain.toPlainString();
    }

    /** stringid.TruncateID: no "sha256:", 12 characters. */
    static String shortId(String id) {
        String s = id.startsWith("sha256:") ? id.substring(7) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** formatter.Ellipsis: at most width characters, the last one "…" when cut. */
    static String ellipsis(String s, int width) {
        if (width <= 0) return "";
        int n = s.codePointCount(0, s.length());
        if (n <= width) return s;
        if (width == 1) return new String(Character.toChars(s.codePointAt(0)));
        return s.substring(0, s.offsetByCodePoints(0, width - 1)) + "…";
    }
}
