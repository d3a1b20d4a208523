package dev.barge.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** CRLF-terminated lines of an HTTP head, read byte by byte so nothing past them is consumed. */
final class HttpLines {
    static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_LINE = 64 * 1024;

    private HttpLines() {}

    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.isEmpty()) throw new EOFException("connection closed by the daemon");
                throw new EOFException("unexpected EOF in HTTP line");
            }
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                return b.toString();
            }
            if (b.length() > MAX_LINE) throw new IOException("HTTP line too long");
            b.append((char) c);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
