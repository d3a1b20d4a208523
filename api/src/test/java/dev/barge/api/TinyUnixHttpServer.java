package dev.barge.api;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.http.Exchange;
import dev.barge.http.Hijacked;
import dev.barge.http.Router;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only HTTP/1.1 server on a unix socket, just enough for the real docker CLI to reach
 * the image routes (one request per connection, chunked bodies both ways). The real server is
 * the http module's; this one only lets route tests speak to the CLI without it.
 */
final class TinyUnixHttpServer implements AutoCloseable {
    private static final Pattern VERSIONED = Pattern.compile("/v(\\d+\\.\\d+)(/.*)");
    private final ServerSocketChannel server;
    private final Router router;
    private final Thread acceptor;

    TinyUnixHttpServer(Path socket, Router router) throws IOException {
        this.router = router;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = Channels.newOutputStream(channel);
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String h; !(h = line(in)).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
            }
            InputStream body = headers.getOrDefault("transfer-encoding", List.of("")).getFirst().equalsIgnoreCase("chunked")
                    ? new ChunkedInput(in)
                    : new LimitedInput(in, Long.parseLong(headers.getOrDefault("content-length", List.of("0")).getFirst()));
            TinyExchange ex = new TinyExchange(parts[0], parts[1], headers, body, out);
            try {
                if (ex.path.equals("/_ping")) {
                    ex.respond(200, "text/plain", "OK".getBytes());
                } else {
                    Optional<Router.Match> m = router.match(ex.method, ex.path);
                    if (m.isEmpty()) {
                        throw BargeException.notFound("page not found");
                    }
                    ex.params.putAll(m.get().params());
                    m.get().handler().handle(ex);
                }
            } catch (BargeException e) {
                if (!ex.started) {
                    ex.respond(status(e), "application/json", Json.bytes(Map.of("message", e.getMessage())));
                }
            }
            ex.finish();
        } catch (Exception ignored) {
            // the client went away
        }
    }

    private static int status(BargeException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID_ARGUMENT -> 400;
            case CONFLICT -> 409;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_MODIFIED -> 304;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }

    private static final class TinyExchange implements Exchange {
        final String method;
        final String path;
        final Optional<String> version;
        final Map<String, List<String>> query = new LinkedHashMap<>();
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, List<String>> headers;
        final InputStream body;
        final OutputStream out;
        boolean started;
        boolean chunked;

        TinyExchange(String method, String target, Map<String, List<String>> headers, InputStream body, OutputStream out) {
            this.method = method;
            this.headers = headers;
            this.body = body;
            this.out = out;
            int q = target.indexOf('?');
            String rawPath = q < 0 ? target : target.substring(0, q);
            if (q >= 0) {
                for (String kv : target.substring(q + 1).split("&")) {
                    if (kv.isEmpty()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                    query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
            String decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            Matcher m = VERSIONED.matcher(decoded);
            this.version = m.matches() ? Optional.of(m.group(1)) : Optional.empty();
            this.path = m.matches() ? m.group(2) : decoded;
        }

        @Override public String method() { return method; }
        @Override public String path() { return path; }
        @Override public Optional<String> pathVersion() { return version; }
        @Override public String pathParam(String name) { return params.get(name); }
        @Override public List<String> queryParams(String name) { return query.getOrDefault(name, List.of()); }
        @Override public Optional<String> header(String name) { return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst(); }
        @Override public Map<String, List<String>> headers() { return headers; }
        @Override public InputStream body() { return body; }
        @Override public void responseHeader(String name, String value) { }

        private void head(int status, String contentType, String framing) throws IOException {
            started = true;
            String h = "HTTP/1.1 " + status + " X\r\nApi-Version: 1.50\r\nServer: Docker/28.2.2 (linux)\r\nOstype: linux\r\nConnection: close\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + framing + "\r\n";
            out.write(h.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void respond(int status, String contentType, byte[] bytes) {
            try {
                head(status, contentType, "Content-Length: " + bytes.length + "\r\n");
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream stream(int status, String contentType) {
            try {
                head(status, contentType, "Transfer-Encoding: chunked\r\n");
                chunked = true;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new OutputStream() {
                private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

                @Override public void write(int b) throws IOException { pending.write(b); if (pending.size() > 65536) flush(); }
                @Override public void write(byte[] b, int o, int l) throws IOException { pending.write(b, o, l); if (pending.size() > 65536) flush(); }

                @Override
                public void flush() throws IOException {
                    if (pending.size() > 0) {
                        out.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        pending.writeTo(out);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        pending.reset();
                    }
                    out.flush();
                }

                @Override public void close() throws IOException { flush(); }
            };
        }

        void finish() throws IOException {
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        @Override public Hijacked hijack(String contentType) { throw new UnsupportedOperationException(); }
        @Override public boolean clientGone() { return false; }
        @Override public boolean responseStarted() { return started; }
    }

    /** A chunked request body. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    for (String l; (l = line(in)) != null && !l.isEmpty(); ) { }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("unexpected EOF in chunked body");
            }
            left -= n;
            if (left == 0) {
                line(in);
            }
            return n;
        }
    }

    /** A body of known length. */
    private static final class LimitedInput extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
