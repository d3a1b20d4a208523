package dev.barge.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read and reports the count at most every 100 ms, and once at the end. */
final class ProgressStream extends FilterInputStream {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private final LongConsumer report;
    private long count;
    private long lastReport = System.nanoTime();
    private boolean finished;

    ProgressStream(InputStream in, LongConsumer report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        advance(n);
        return n;
    }

    private void advance(int n) {
        if (n < 0) {
            if (!finished) {
                finished = true;
                report.accept(count);
            }
            return;
        }
        count += n;
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            report.accept(count);
        }
    }
}
