package dev.barge.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * An OutputStream onto a channel, used by one thread. Writes gather in a buffer; {@code flush()}
 * sends them as one message (a chunk, or raw bytes after a hijack), after waiting for the
 * channel to be writable: a slow client slows the writer, memory stays bounded.
 */
final class ChannelOutput extends OutputStream {
    private static final int AUTO_FLUSH = 64 << 10;

    private final Connection connection;
    private final Function<ByteBuf, Object> frame;
    private final Runnable onClose;
    private byte[] pending = new byte[8192];
    private int size;
    private boolean closed;

    ChannelOutput(Connection connection, Function<ByteBuf, Object> frame, Runnable onClose) {
        this.connection = connection;
        this.frame = frame;
        this.onClose = onClose;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        if (size + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + len));
        }
        System.arraycopy(b, off, pending, size, len);
        size += len;
        if (size >= AUTO_FLUSH) {
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (size == 0) {
            return;
        }
        connection.awaitWritable();
        ByteBuf buf = Unpooled.wrappedBuffer(Arrays.copyOf(pending, size));
        size = 0;
        connection.channel().writeAndFlush(frame.apply(buf));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (size > 0 && connection.channel().isActive()) {
                flush();
            }
        } finally {
            closed = true;
            onClose.run();
        }
    }

    boolean closed() {
        return closed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (!connection.channel().isActive()) {
            throw new IOException("client closed the connection");
        }
    }
}
