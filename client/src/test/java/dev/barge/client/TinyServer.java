package dev.barge.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** A unix-socket HTTP server for tests: each connection's request is parsed and handed to the handler. */
final class TinyServer implements AutoCloseable {
    record Received(String requestLine, List<String> headers, byte[] body, SocketChannel channel, InputStream in,
            OutputStream out) {
        String header(String name) {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse("");
        }

        void respond(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    interface Handler {
        void handle(Received r) throws Exception;
    }

    private final Path dir;
    private final ServerSocketChannel server;
    final List<Received> requests = new CopyOnWriteArrayList<>();

    TinyServer(Handler handler) throws IOException {
        dir = Files.createTempDirectory("tiny");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread.ofVirtual().start(() -> serve(ch, handler));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    DockerHost host() {
        return DockerHost.parse("unix://" + dir.resolve("s.sock"));
    }

    private void serve(SocketChannel ch, Handler handler) {
        try (ch) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
            String requestLine = HttpLines.readLine(in);
            List<String> headers = new ArrayList<>();
            for (String l = HttpLines.readLine(in); !l.isEmpty(); l = HttpLines.readLine(in)) headers.add(l);
            Received partial = new Received(requestLine, headers, new byte[0], ch, in, null);
            byte[] body = new byte[0];
            if (partial.header("Transfer-Encoding").equals("chunked")) {
                body = new ChunkedInputStream(in).readAllBytes();
            } else if (!partial.header("Content-Length").isEmpty()) {
                body = in.readNBytes(Integer.parseInt(partial.header("Content-Length")));
            }
            OutputStream out = ChannelStreams.out(ch);
            Received r = new Received(requestLine, headers, body, ch, in, out);
            requests.add(r);
            handler.handle(r);
        } catch (Exception e) {
            // the test asserts on what the client saw
        }
    }

    static String chunked(String... chunks) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String c : chunks) {
            byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
            b.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(bytes);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(dir.resolve("s.sock"));
        Files.deleteIfExists(dir);
    }
}
