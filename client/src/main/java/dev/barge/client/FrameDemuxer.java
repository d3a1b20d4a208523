package dev.barge.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Docker's multiplexed stream: 8-byte headers (stream byte, three zeros, big-endian length) each
 * followed by that many bytes for stdout (1) or stderr (2); stream 3 carries a daemon error.
 */
public final class FrameDemuxer {
    private FrameDemuxer() {}

    /** Copies frames until EOF; a system-error frame is raised as an IOException with its text. */
    public static void copy(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
        byte[] header = new byte[8];
        byte[] buf = new byte[32 * 1024];
        while (true) {
            int got = in.readNBytes(header, 0, 8);
            if (got == 0) return;
            if (got < 8) throw new EOFException("truncated frame header");
            int stream = header[0];
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            if (stream == 3) {
                throw new IOException(new String(in.readNBytes((int) length), java.nio.charset.StandardCharsets.UTF_8));
            }
            OutputStream target = switch (stream) {
                case 0, 1 -> stdout;
                case 2 -> stderr;
                default -> throw new IOException("Unrecognized input header: " + stream);
            };
            while (length > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length));
                if (n < 0) throw new EOFException("truncated frame");
                target.write(buf, 0, n);
                length -= n;
            }
            target.flush();
        }
    }
}
