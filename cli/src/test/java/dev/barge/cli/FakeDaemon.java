package dev.barge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted Engine API on a unix socket: routes ("POST /containers/create") answer with canned
 * responses; every request line is recorded, version prefix removed.
 */
final class FakeDaemon implements AutoCloseable {
    /** One request as the route sees it. */
    record Call(String method, String path, String body, SocketChannel channel, InputStream in, OutputStream out) {
        void respond(int status, String contentType, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " X\r\nApi-Version: 1.50\r\nOstype: linux\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + b.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        }

        void json(int status, String body) throws IOException {
            respond(status, "application/json", body);
        }
    }

    interface Route {
        void handle(Call c) throws Exception;
    }

    private final Path dir;
    private final ServerSocketChannel server;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();

    FakeDaemon() throws IOException {
        dir = Files.createTempDirectory("fake-daemon");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("d.sock")));
        route("GET /_ping", c -> c.respond(200, "text/plain", "OK"));
        Thread.ofVirtual().start(this::accept);
    }

    FakeDaemon route(String methodAndPath, Route r) {
        routes.put(methodAndPath, r);
        return this;
    }

    FakeDaemon json(String methodAndPath, int status, String body) {
        return route(methodAndPath, c -> c.json(status, body));
    }

    String host() {
        return "unix://" + dir.resolve("d.sock");
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread.ofVirtual().start(() -> serve(ch));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            InputStream in = new InputStream() {
                @Override
                public int read() throws IOException {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    return ch.read(one) < 0 ? -1 : one.get(0) & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return ch.read(ByteBuffer.wrap(b, off, len));
                }
            };
            OutputStream out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                    while (buf.hasRemaining()) ch.write(buf);
                }
            };
            while (serveOne(ch, in, out)) {
                // keep-alive: the docker CLI sends several requests on one connection
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private boolean serveOne(SocketChannel ch, InputStream in, OutputStream out) throws Exception {
        String first = line(in);
        if (first.isEmpty()) return false;
        String[] requestLine = first.split(" ");
        int contentLength = 0;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) contentLength = Integer.parseInt(h.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        String body = chunked ? new String(dechunk(in), StandardCharsets.UTF_8)
                : new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
        String target = requestLine[1].replaceFirst("^/v1\\.\\d+", "");
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        calls.add(requestLine[0] + " " + target);
        bodies.add(body);
        Route route = routes.get(requestLine[0] + " " + path);
        Call call = new Call(requestLine[0], target, body, ch, in, out);
        if (route == null) {
            call.json(404, "{\"message\":\"page not found\"}");
        } else {
            route.handle(call);
        }
        return true;
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).trim(), 16);
            if (size == 0) {
                line(in);
                return b.toByteArray();
            }
            b.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) if (c != '\r') b.append((char) c);
        return b.toString();
    }

    static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[4] = (byte) (p.length >>> 24);
        f[5] = (byte) (p.length >>> 16);
        f[6] = (byte) (p.length >>> 8);
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(dir.resolve("d.sock"));
        Files.deleteIfExists(dir);
    }

    /** Runs barge against this daemon: exit status, stdout and stderr. */
    record Result(int status, String out, String err) {}

    Result barge(String stdin, String... args) {
        return bargeWith(Map.of("DOCKER_CONFIG", "/nonexistent", "HOME", "/root"), stdin, args);
    }

    Result bargeWith(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("-H", host()));
        all.addAll(List.of(args));
        int status = new Main(env, new java.io.ByteArrayInputStream(
                stdin.getBytes(StandardCharsets.UTF_8)), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
