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
                {"-H", host, "ps", "--format", "table {{.ID}}\t{{.CreatedAt}}\t{{.Label \"a\"}}"},
                {"-H", host, "images", "--format", "{{.Repository}}:{{.Tag}} {{.CreatedAt}}"},
                {"-H", host, "inspect", "-f", "{{.Id}} {{json .Config}}", "x"}, {"-H", host, "stop", "x"},
                {"-H", host, "network", "ls"}, {"-H", host, "volume", "ls"}, {"-H", host, "system", "df"},
                {"-H", host, "stats", "--no-stream"}, {"-H", host, "network", "--help"},
                // the transfer commands' flag parsing and help (their work needs a real daemon)
                {"cp", "--help"}, {"pull", "--help"}, {"-H", host, "commit", "x"},
            };
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            for (String[] run : runs) {
                new Main(Map.of(), InputStream.nullInputStream(), sink, sink).run(run);
            }
            // the host from the environment, as scripts mostly give it
            for (String command : new String[] {"ps", "version", "images"}) {
                new Main(Map.of("DOCKER_HOST", host), InputStream.nullInputStream(), sink, sink).run(new String[] {command});
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** Realistic answers, so the formatting code paths run (and are linked into the cache). */
    private static String body(String path) {
        if (path.endsWith("/_ping")) return "OK";
        if (path.contains("/networks")) {
            return "[{\"Name\":\"bridge\",\"Id\":\"0123456789abcdef0123\",\"Created\":\"2026-11-23T16:28:58.4147Z\","
                    + "\"Scope\":\"local\",\"Driver\":\"bridge\",\"Labels\":{\"a\":\"b\"}}]";
        }
        if (path.contains("/volumes")) {
            return "{\"Volumes\":[{\"Name\":\"v\",\"Driver\":\"local\",\"Mountpoint\":\"/v\",\"Scope\":\"local\"}]}";
        }
        if (path.contains("/system/df")) {
            return "{\"LayersSize\":1000,\"Images\":[{\"Id\":\"sha256:01\",\"Size\":1000,\"SharedSize\":0,\"Containers\":1}],"
                    + "\"Containers\":[{\"Id\":\"0123\",\"State\":\"running\",\"SizeRw\":10}],"
                    + "\"Volumes\":[{\"Name\":\"v\",\"UsageData\":{\"Size\":5,\"RefCount\":1}}],\"BuildCache\":[]}";
        }
        if (path.contains("/stats")) {
            return "{\"name\":\"/web\",\"id\":\"0123456789abcdef0123\",\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":20},"
                    + "\"system_cpu_usage\":100,\"online_cpus\":2},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":10},"
                    + "\"system_cpu_usage\":50},\"memory_stats\":{\"usage\":100,\"limit\":1000,\"stats\":{}},"
                    + "\"networks\":{\"eth0\":{\"rx_bytes\":1,\"tx_bytes\":2}},\"pids_stats\":{\"current\":1}}";
        }
        if (path.contains("/containers/json")) {
            return "[{\"Id\":\"0123456789abcdef0123\",\"Names\":[\"/web\"],\"Image\":\"busybox\",\"Command\":\"sh -c 'sleep 1'\","
                    + "\"Created\":1700000000,\"State\":\"running\",\"Status\":\"Up 2 minutes\",\"Ports\":[{\"PrivatePort\":80,"
                    + "\"Type\":\"tcp\"},{\"IP\":\"0.0.0.0\",\"PrivatePort\":81,\"PublicPort\":8081,\"Type\":\"tcp\"}],"
                    + "\"Labels\":{\"a\":\"b\"},\"Mounts\":[{\"Name\":\"v\",\"Driver\":\"local\"}],"
                    + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{}}}}]";
        }
        if (path.contains("/images/json")) {
            return "[{\"Id\":\"sha256:0123456789abcdef\",\"RepoTags\":[\"busybox:latest\"],\"RepoDigests\":"
                    + "[\"busybox@sha256:" + "ab".repeat(32) + "\"],\"Created\":1700000000,\"Size\":4261550}]";
        }
        if (path.endsWith("/history")) {
            return "[{\"Id\":\"sha256:0123456789abcdef\",\"Created\":1700000000,\"CreatedBy\":\"/bin/sh -c #(nop) CMD\","
                    + "\"Size\":0,\"Comment\":\"\"}]";
        }
        if (path.endsWith("/version")) {
            return "{\"Platform\":{\"Name\":\"Barge\"},\"Components\":[{\"Name\":\"Engine\",\"Version\":\"0\","
                    + "\"Details\":{\"ApiVersion\":\"1.50\",\"BuildTime\":\"2026-11-23T16:28:58.414700660+00:00\"}},{\"Name\":\"runc\",\"Version\":\"1\",\"Details\":"
                    + "{\"GitCommit\":\"x\"}}],\"Version\":\"0\",\"ApiVersion\":\"1.50\"}";
        }
        if (path.endsWith("/info")) {
            return "{\"Containers\":1,\"Images\":1,\"Driver\":\"overlay2\",\"DriverStatus\":[[\"a\",\"b\"]],"
                    + "\"Plugins\":{\"Volume\":[\"local\"]},\"OSType\":\"linux\",\"MemTotal\":1000000,"
                    + "\"Runtimes\":{\"runc\":{}},\"SecurityOptions\":[\"name=seccomp,profile=builtin\"]}";
        }
        if (path.contains("/json")) return "{\"Id\":\"0123\",\"Config\":{\"Labels\":{\"a\":\"b\"},\"Tty\":false}}";
        return "{\"Id\":\"0123456789abcdef\",\"StatusCode\":0}";
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
                String body = body(path);
                String response = "HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
                ch.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                return;
            }
        }
    }
}
