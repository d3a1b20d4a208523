package dev.barge.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body; trailers are read and dropped. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (done) return -1;
        if (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                done = true;
                while (!HttpLines.readLine(in).isEmpty()) {
                    // trailer fields
                }
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new EOFException("unexpected EOF in chunked body");
        remaining -= n;
        if (remaining == 0 && !HttpLines.readLine(in).isEmpty()) throw new IOException("malformed chunk end");
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = HttpLines.readLine(in);
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size: " + line);
        }
    }

    @Override
    public int available() throws IOException {
        return done ? 0 : (int) Math.min(remaining, in.available());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
