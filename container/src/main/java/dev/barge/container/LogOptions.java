package dev.barge.container;

/**
 * What {@code docker logs} asks for.
 *
 * @param sinceNanos 0 for the beginning
 * @param untilNanos 0 for no end
 * @param tail       the last N lines only; negative for all
 */
public record LogOptions(boolean stdout, boolean stderr, boolean follow, boolean timestamps, long sinceNanos,
                         long untilNanos, int tail) {
    public static final LogOptions ALL = new LogOptions(true, true, false, false, 0, 0, -1);

    boolean wants(LogEntry e) {
        boolean stream = e.stream() == 1 ? stdout : stderr;
        return stream && e.timeNanos() >= sinceNanos && (untilNanos == 0 || e.timeNanos() <= untilNanos);
    }
}
