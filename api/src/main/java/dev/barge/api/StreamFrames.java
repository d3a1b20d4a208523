package dev.barge.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's stdio multiplexing for non-TTY streams: each write is one frame of an 8-byte header
 * (byte 0 the stream: 0 stdin, 1 stdout, 2 stderr, 3 system error; three zero bytes; a 4-byte
 * big-endian length) followed by the payload. TTY streams are raw: no header at all.
 */
final class StreamFrames {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int SYSTEM_ERROR = 3;

    private final OutputStream out;
    private final boolean raw;

    StreamFrames(OutputStream out, boolean raw) {
        this.out = out;
        this.raw = raw;
    }

    /** Writes one frame (or the raw bytes for a TTY) and flushes it. */
    synchronized void write(int stream, byte[] data, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        if (!raw) {
            out.write(header(stream, length));
        }
        out.write(data, offset, length);
        out.flush();
    }

    void write(int stream, byte[] data) throws IOException {
        write(stream, data, 0, data.length);
    }

    static byte[] header(int stream, int length) {
        return new byte[] {(byte) stream, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
                (byte) (length >>> 8), (byte) length};
    }
}
