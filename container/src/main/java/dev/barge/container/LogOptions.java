package dev.barge.container;

import dev.barge.runtime.logs.LogEntry;
import dev.barge.runtime.logs.LogReader;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code docker logs} asks for.
 *
 * @param sinceNanos 0 for the beginning
 * @param untilNanos 0 for no end
 * @param tail       the last N lines only (of both streams, as Docker counts); negative for all
 */
public record LogOptions(boolean stdout, boolean stderr, boolean follow, boolean timestamps, long sinceNanos,
                         long untilNanos, int tail) {
    public static final LogOptions ALL = new LogOptions(true, true, false, false, 0, 0, -1);

    boolean wants(LogEntry e) {
        return e.stream() == 1 ? stdout : stderr;
    }

    /** The reader's window: time bounds, tail and follow. */
    LogReader.Options window() {
        return new LogReader.Options(instant(sinceNanos), instant(untilNanos), tail, follow);
    }

    private static Optional<Instant> instant(long nanos) {
        return nanos == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L));
    }
}
