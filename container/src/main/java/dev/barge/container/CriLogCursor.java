package dev.barge.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CRI ("k8s-file") log as conmon writes it, one line per record:
 * {@code 2024-01-01T00:00:00.123456789Z stdout F text}, where {@code P} marks a partial line that
 * continues in the next record of the same stream and {@code F} ends it. A cursor remembers its
 * offset, so "replay, then follow" is repeated {@link #poll} calls.
 */
public final class CriLogCursor implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private long offset;
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
    private final Partial[] partials = {new Partial(), new Partial(), new Partial()};

    public CriLogCursor(Path path) {
        this.path = path;
    }

    /** The complete entries written since the last poll (none when the file does not exist yet). */
    public List<LogEntry> poll() throws IOException {
        List<LogEntry> out = new ArrayList<>();
        if (channel == null) {
            if (!Files.exists(path)) {
                return out;
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (true) {
            buf.clear();
            int n = channel.read(buf, offset);
            if (n <= 0) {
                break;
            }
            offset += n;
            byte[] bytes = buf.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    pendingLine.write(bytes, start, i - start);
                    parseLine(pendingLine.toByteArray(), out);
                    pendingLine.reset();
                    start = i + 1;
                }
            }
            pendingLine.write(bytes, start, n - start);
        }
        return out;
    }

    /** Parses one record; malformed records are skipped. */
    void parseLine(byte[] line, List<LogEntry> out) {
        int s1 = indexOf(line, (byte) ' ', 0);
        int s2 = s1 < 0 ? -1 : indexOf(line, (byte) ' ', s1 + 1);
        if (s2 < 0) {
            return;
        }
        int s3 = indexOf(line, (byte) ' ', s2 + 1);
        int tagEnd = s3 < 0 ? line.length : s3;
        String time = new String(line, 0, s1, StandardCharsets.US_ASCII);
        String streamName = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        String tag = new String(line, s2 + 1, tagEnd - s2 - 1, StandardCharsets.US_ASCII);
        int stream = streamName.equals("stderr") ? 2 : 1;
        long nanos = Times.parseRfc3339(time).orElse(0L);
        Partial p = partials[stream];
        if (p.data.size() == 0) {
            p.timeNanos = nanos;
        }
        if (s3 >= 0) {
            p.data.write(line, s3 + 1, line.length - s3 - 1);
        }
        if (!tag.startsWith("P")) {
            p.data.write('\n');
            out.add(new LogEntry(stream, p.timeNanos, p.data.toByteArray()));
            p.data.reset();
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to do with a log we only read
        }
    }

    private static final class Partial {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        long timeNanos;
    }
}
