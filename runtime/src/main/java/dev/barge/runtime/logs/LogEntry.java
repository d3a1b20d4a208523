package dev.barge.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * One line of a CRI k8s-file log, as conmon writes it: {@code <RFC3339Nano> <stream> <F|P> <text>}.
 *
 * @param time    when conmon read it
 * @param stream  1 stdout, 2 stderr (Docker's numbering)
 * @param partial {@code P}: the process wrote no newline yet; the next entry continues the line
 * @param data    the bytes, with the newline restored for full lines
 */
public record LogEntry(Instant time, int stream, boolean partial, byte[] data) {
    /** {@link #time} in nanoseconds since the epoch. */
    public long timeNanos() {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /** Parses one line (without its terminating newline); malformed lines are skipped. */
    public static Optional<LogEntry> parse(byte[] line) {
        int first = indexOf(line, 0), second = first < 0 ? -1 : indexOf(line, first + 1);
        if (second < 0) return Optional.empty();
        int third = indexOf(line, second + 1);
        int tagEnd = third < 0 ? line.length : third;
        try {
            Instant time = OffsetDateTime.parse(new String(line, 0, first, StandardCharsets.US_ASCII)).toInstant();
            String streamName = new String(line, first + 1, second - first - 1, StandardCharsets.US_ASCII);
            int stream = switch (streamName) {
                case "stdout" -> 1;
                case "stderr" -> 2;
                default -> 0;
            };
            String tag = new String(line, second + 1, tagEnd - second - 1, StandardCharsets.US_ASCII);
            if (stream == 0) return Optional.empty();
            boolean partial = tag.startsWith("P");
            byte[] text = third < 0 ? new byte[0] : Arrays.copyOfRange(line, third + 1, line.length);
            byte[] data = partial ? text : Arrays.copyOf(text, text.length + 1);
            if (!partial) data[text.length] = '\n';
            return Optional.of(new LogEntry(time, stream, partial, data));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] line, int from) {
        for (int i = from; i < line.length; i++) if (line[i] == ' ') return i;
        return -1;
    }
}
