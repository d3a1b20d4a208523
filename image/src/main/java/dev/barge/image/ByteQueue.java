package dev.barge.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of byte chunks from one thread to another, read as an InputStream: how a
 * download feeds the content store's ingest while the same bytes are being unpacked.
 */
final class ByteQueue extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(256);
    private volatile String failure;
    private volatile boolean readerGone;
    private byte[] head;
    private int offset;

    /** Writer side: a copy of the bytes; IOException once the reader gave up. */
    void put(byte[] b, int off, int len) throws IOException {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        offer(copy);
    }

    /** Writer side: no more bytes. */
    void end() throws IOException {
        offer(END);
    }

    /** Writer side: the reader gets an IOException with this message. */
    void fail(String message) {
        failure = message;
        chunks.offer(END);
    }

    /** Reader side: stop accepting bytes (the reader failed). */
    void readerGone() {
        readerGone = true;
        chunks.clear();
    }

    private void offer(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("the content store stopped reading");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (head == null || offset == head.length) {
            try {
                head = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            offset = 0;
            if (head == END) {
                chunks.offer(END); // stay at the end for later reads
                if (failure != null) {
                    throw new IOException(failure);
                }
                return -1;
            }
        }
        int n = Math.min(len, head.length - offset);
        System.arraycopy(head, offset, b, off, n);
        offset += n;
        return n;
    }
}
