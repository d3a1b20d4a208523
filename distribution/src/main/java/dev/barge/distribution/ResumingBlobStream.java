package dev.barge.distribution;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * A blob's bytes that survive dropped connections: when a read fails, or the body ends before
 * the expected size, it asks again with {@code Range: bytes=<position>-} (skipping by hand if
 * the registry ignores ranges and sends the whole blob) and carries on. Gives up after a few
 * attempts without progress.
 */
final class ResumingBlobStream extends InputStream {
    private static final int MAX_ATTEMPTS = 5;
    private final Repository repository;
    private final Digest digest;
    private final long size;
    private long position;
    private InputStream current;
    private int failuresWithoutProgress;

    ResumingBlobStream(Repository repository, Digest digest, long size, long offset) {
        this.repository = repository;
        this.digest = digest;
        this.size = size;
        this.position = offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (size >= 0 && position >= size) {
                return -1; // exactly the expected size: anything more is not ours to read
            }
            try {
                if (current == null) {
                    current = open();
                }
                int n = current.read(b, off, size >= 0 ? (int) Math.min(len, size - position) : len);
                if (n > 0) {
                    position += n;
                    failuresWithoutProgress = 0;
                    return n;
                }
                if (size < 0) {
                    return -1;
                }
                throw new IOException("connection closed after " + position + " of " + size + " bytes");
            } catch (IOException | BargeException e) {
                closeCurrent();
                if (++failuresWithoutProgress >= MAX_ATTEMPTS) {
                    throw new IOException("downloading " + digest + ": " + e.getMessage(), e);
                }
                sleepBeforeRetry();
            }
        }
    }

    private InputStream open() throws IOException {
        HttpResponse<InputStream> response = repository.getBlob(digest, position);
        InputStream in = response.body();
        if (response.statusCode() == 200 && position > 0) {
            in.skipNBytes(position); // the registry ignored Range: throw away what we already have
        }
        return in;
    }

    private void sleepBeforeRetry() throws IOException {
        try {
            Thread.sleep(200L * failuresWithoutProgress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // a broken connection may fail to close
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
