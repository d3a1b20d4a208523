package dev.barge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The AOT-cache training run (mvn package runs it with -XX:AOTCacheOutput): typical commands
 * against a canned in-process daemon, so the classes and lambdas they need are in the cache.
 */
public final class Training {
    private Training() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("barge-training");
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(() -> serve(server));
            String host = "unix://" + socket;
            String[][] runs = {
                {"--help"}, {"-H", host, "version"}, {"-H", host, "images"}, {"-H", host, "ps", "-a"},
                {"-H", host, "ps", "--format", "{{.ID}} {{json .Names}}"}, {"-H", host, "images", "--format", "json"},
                {"-H", host, "inspect", "x"}, {"-H", host, "info"}, {"-H", host, "run", "--help"},
                {"-H", host, "run", "-d", "--rm", "-e", "A=1", "busybox", "true"}, {"-H", host, "rm", "-f", "x"},
                {"-H", host, "history", "x"}, {"-H", "unix:///nonexistent/barge.sock", "version"},
            };
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            for (String[] run : runs) {
                new Main(Map.of(), InputStream.nullInputStream(), sink, sink).run(run);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                InputStream in = Channels.newInputStream(ch);
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) break;
                    head.append((char) c);
                }
                String path = head.toString().split(" ", 3)[1];
                String body = path.endsWith("/_ping") ? "OK" : path.contains("/json") || path.endsWith("/history")
                        ? "[]" : "{\"Id\":\"0123456789abcdef\"}";
                String response = "HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
                ch.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                return;
            }
        }
    }
}
