package dev.barge.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One cursor over a container's CRI logs: first what the files hold (earlier runs' logs, then the
 * current one; filtered by since/until, cut to the last {@code tail} lines of them all), then,
 * when following, new lines as conmon appends them to the current file, until the container has
 * exited and the file is drained, or {@code until} passes. A file truncated by conmon's
 * {@code --log-size-max} is read again from its start.
 */
public final class LogReader implements AutoCloseable {
    /**
     * @param since  only entries at or after this instant
     * @param until  only entries up to this instant, as Docker (following stops there too)
     * @param tail   only the last this many lines of the replay; negative for all
     * @param follow keep reading new lines while the container runs
     */
    public record Options(Optional<Instant> since, Optional<Instant> until, int tail, boolean follow) {
        public static final Options ALL = new Options(Optional.empty(), Optional.empty(), -1, false);
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final Path file;
    private final Options options;
    private final BooleanSupplier running;
    private final Deque<LogEntry> replay = new ArrayDeque<>();
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
    private final Deque<byte[]> lines = new ArrayDeque<>();
    private FileChannel channel;
    private long position;
    private boolean finished;

    /**
     * @param running tells whether the container may still write; following ends once it says
     *                false and the file holds nothing more
     */
    public LogReader(Path file, Options options, BooleanSupplier running) throws IOException {
        this(List.of(file), options, running);
    }

    /**
     * @param files   oldest first: the logs of earlier runs (missing ones are empty), then the
     *                current log, the one followed
     * @param running tells whether the container may still write to the last file
     */
    public LogReader(List<Path> files, Options options, BooleanSupplier running) throws IOException {
        this.file = files.getLast();
        this.options = options;
        this.running = running;
        for (Path earlier : files.subList(0, files.size() - 1)) {
            try (LogReader run = new LogReader(earlier, new Options(options.since(), options.until(), -1, false), () -> false)) {
                run.replay.forEach(this::keepForReplay);
            }
        }
        readAvailable();
        for (byte[] line; (line = lines.poll()) != null; ) {
            LogEntry.parse(line).filter(this::inWindow).ifPresent(this::keepForReplay);
        }
    }

    /** Keeps only the last {@code tail} entries of the replay. */
    private void keepForReplay(LogEntry entry) {
        replay.add(entry);
        if (options.tail() >= 0) {
            while (replay.size() > options.tail()) replay.poll();
        }
    }

    /** The next entry; blocks while following; empty at the end. */
    public Optional<LogEntry> next() throws IOException, InterruptedException {
        if (!replay.isEmpty()) return Optional.of(replay.poll());
        while (!finished) {
            while (!lines.isEmpty()) {
                Optional<LogEntry> entry = LogEntry.parse(lines.poll());
                if (entry.isEmpty()) continue;
                if (options.until().isPresent() && entry.get().time().isAfter(options.until().get())) {
                    finished = true;
                    return Optional.empty();
                }
                if (inWindow(entry.get())) return entry;
            }
            if (!options.follow() || options.until().map(Instant.now()::isAfter).orElse(false)) {
                finished = true;
                break;
            }
            boolean wasRunning = running.getAsBoolean();
            if (readAvailable()) continue;
            if (!wasRunning) {
                finished = true;
                break;
            }
            Thread.sleep(POLL);
        }
        return Optional.empty();
    }

    private boolean inWindow(LogEntry entry) {
        return options.since().map(since -> !entry.time().isBefore(since)).orElse(true)
                && options.until().map(until -> !entry.time().isAfter(until)).orElse(true);
    }

    /** Reads what the file gained since the last call into complete lines; true if any arrived. */
    private boolean readAvailable() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false;
            }
        }
        if (channel.size() < position) {
            position = 0; // truncated by --log-size-max
            pendingLine.reset();
        }
        int before = lines.size();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int n;
        while ((n = channel.read(buffer, position)) > 0) {
            position += n;
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    lines.add(pendingLine.toByteArray());
                    pendingLine.reset();
                } else {
                    pendingLine.write(b);
                }
            }
            buffer.clear();
        }
        return lines.size() > before;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
    }

}
