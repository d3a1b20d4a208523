package dev.barge.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Replays a container's logs (earlier runs first, then the current one) and, with
 * {@code follow}, keeps reading the current log until the container stops.
 */
public final class LogReader {
    /** Receives entries; an IOException (client gone) ends the read. */
    @FunctionalInterface
    public interface Sink {
        void accept(LogEntry entry) throws IOException;
    }

    private static final long FOLLOW_POLL_MILLIS = 100;

    private LogReader() {}

    /**
     * @param files        the log files, oldest first; the last one is followed
     * @param stillRunning whether more output can come (checked before each idle poll)
     */
    public static void read(List<Path> files, LogOptions options, BooleanSupplier stillRunning, Sink sink)
            throws IOException, InterruptedException {
        ArrayDeque<LogEntry> tail = new ArrayDeque<>();
        CriLogCursor last = null;
        try {
            for (int i = 0; i < files.size(); i++) {
                CriLogCursor cursor = new CriLogCursor(files.get(i));
                for (LogEntry e : cursor.poll()) {
                    if (options.wants(e)) {
                        keep(tail, e, options.tail());
                    }
                }
                if (i == files.size() - 1) {
                    last = cursor;
                } else {
                    cursor.close();
                }
            }
            for (LogEntry e : tail) {
                sink.accept(e);
            }
            if (!options.follow() || last == null) {
                return;
            }
            follow(last, options, stillRunning, sink);
        } finally {
            if (last != null) {
                last.close();
            }
        }
    }

    private static void follow(CriLogCursor cursor, LogOptions options, BooleanSupplier stillRunning, Sink sink)
            throws IOException, InterruptedException {
        while (true) {
            boolean running = stillRunning.getAsBoolean();
            for (LogEntry e : cursor.poll()) {
                if (options.untilNanos() != 0 && e.timeNanos() > options.untilNanos()) {
                    return;
                }
                if (options.wants(e)) {
                    sink.accept(e);
                }
            }
            if (!running) {
                return;
            }
            if (options.untilNanos() != 0 && Times.nowNanos() > options.untilNanos()) {
                return;
            }
            Thread.sleep(FOLLOW_POLL_MILLIS);
        }
    }

    private static void keep(ArrayDeque<LogEntry> tail, LogEntry e, int limit) {
        if (limit == 0) {
            return;
        }
        tail.addLast(e);
        if (limit > 0 && tail.size() > limit) {
            tail.removeFirst();
        }
    }
}
