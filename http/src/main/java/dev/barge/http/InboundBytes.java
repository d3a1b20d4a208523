package dev.barge.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes arriving from the event loop, read by a (virtual) thread as an InputStream. Bounded:
 * once more than {@link #HIGH} bytes wait, {@link #offer} tells the event loop to stop reading
 * the socket; when the reader has drained below {@link #LOW} it runs {@code resume}.
 */
final class InboundBytes extends InputStream {
    static final int HIGH = 1 << 20;
    static final int LOW = 256 << 10;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Runnable resume;
    private int queued;
    private int headOffset;
    private boolean ended;
    private boolean suspended;
    private String failure;

    InboundBytes(Runnable resume) {
        this.resume = resume;
    }

    /** Copies the readable bytes (the caller keeps ownership of {@code buf}); false: stop reading. */
    boolean offer(ByteBuf buf) {
        int n = buf.readableBytes();
        if (n == 0) {
            return true;
        }
        byte[] bytes = new byte[n];
        buf.readBytes(bytes);
        lock.lock();
        try {
            if (ended) {
                return true;
            }
            chunks.addLast(bytes);
            queued += n;
            changed.signalAll();
            // Only the reader clears this, as it is the one that resumes: clearing it here while
            // the event loop still has reading off (chunks of one socket read keep coming after
            // the first refusal) would leave reading off for good.
            if (queued > HIGH) {
                suspended = true;
            }
            return !suspended;
        } finally {
            lock.unlock();
        }
    }

    /** No more bytes will come: the reader gets -1 after what is queued. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The stream broke: the reader gets an IOException with this message after what is queued. */
    void fail(String message) {
        lock.lock();
        try {
            if (!ended) {
                failure = message;
                ended = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean wake = false;
        int n;
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended) {
                changed.await();
            }
            if (chunks.isEmpty()) {
                if (failure != null) {
                    throw new IOException(failure);
                }
                return -1;
            }
            byte[] head = chunks.peekFirst();
            n = Math.min(len, head.length - headOffset);
            System.arraycopy(head, headOffset, b, off, n);
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
            queued -= n;
            if (suspended && queued < LOW) {
                suspended = false;
                wake = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        } finally {
            lock.unlock();
        }
        if (wake) {
            resume.run();
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }
}
