package dev.barge.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 exchange on its own connection: write the request, read the head, frame the body. */
final class HttpConnection {
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(Link link) throws IOException {
        this.in = new BufferedInputStream(link.in(), 32 * 1024);
        this.out = link.out();
    }

    InputStream in() {
        return in;
    }

    OutputStream rawOut() {
        return out;
    }

    void send(String hostHeader, String target, Request request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader).append("\r\n");
        head.append("User-Agent: Barge-Client/0.1.0 (linux)\r\n");
        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        // instanceof, not a pattern switch: the JDK spins a class for each type switch at run time,
        // which the AOT cache cannot hold (milliseconds of every CLI start)
        Request.Body body = request.body();
        if (body instanceof Request.Body.Bytes bytes) {
            head.append("Content-Type: ").append(bytes.contentType()).append("\r\n");
            head.append("Content-Length: ").append(bytes.data().length).append("\r\n\r\n");
            buffered.write(HttpLines.ascii(head.toString()));
            buffered.write(bytes.data());
        } else if (body instanceof Request.Body.Stream stream) {
            head.append("Content-Type: ").append(stream.contentType()).append("\r\n");
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            buffered.write(HttpLines.ascii(head.toString()));
            ChunkedOutputStream chunks = new ChunkedOutputStream(buffered);
            stream.in().transferTo(chunks);
            chunks.close();
        } else {
            if (request.method().equals("POST") || request.method().equals("PUT")) head.append("Content-Length: 0\r\n");
            buffered.write(HttpLines.ascii(head.append("\r\n").toString()));
        }
        buffered.flush();
    }

    /** Reads the status line and headers; names are lower-cased, repeated ones joined by ", ". */
    Response readHead(String method) throws IOException {
        String statusLine = HttpLines.readLine(in);
        while (statusLine.isEmpty()) statusLine = HttpLines.readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("malformed status line: " + statusLine);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = HttpLines.readLine(in); !line.isEmpty(); line = HttpLines.readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Response(status, Map.copyOf(headers), body(method, status, headers));
    }

    private InputStream body(String method, int status, Map<String, String> headers) {
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            return new BoundedInputStream(in, 0);
        }
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length != null) return new BoundedInputStream(in, Long.parseLong(length.trim()));
        return in;
    }
}
