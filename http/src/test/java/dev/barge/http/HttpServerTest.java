package dev.barge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HttpServerTest {
    private HttpServer server;
    private Path dir;

    private Path servedFile;
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

    private final Handler handler = ex -> {
        switch (ex.path()) {
            case "/echo" -> ex.respond(200, "text/plain", ex.body().readAllBytes());
            case "/info" -> ex.respond(200, "text/plain",
                    (ex.method() + " " + ex.pathVersion().orElse("-") + " " + ex.queryParam("a").orElse("-"))
                            .getBytes(StandardCharsets.UTF_8));
            case "/stream" -> {
                try (OutputStream out = ex.stream(200, "application/json")) {
                    for (int i = 0; i < 3; i++) {
                        out.write(("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
            case "/attach" -> {
                try (Hijacked h = ex.hijack("application/vnd.docker.raw-stream")) {
                    byte[] in = h.input().readAllBytes(); // ends at the client's half-close
                    h.output().write(new String(in, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
                            .getBytes(StandardCharsets.UTF_8));
                    h.output().flush();
                }
            }
            case "/flood" -> {
                try (OutputStream out = ex.stream(200, "application/octet-stream")) {
                    byte[] chunk = new byte[64 << 10];
                    for (int i = 0; i < 256; i++) { // 16 MiB
                        out.write(chunk);
                        out.flush();
                        written.addAndGet(chunk.length);
                    }
                }
            }
            case "/count" -> {
                long n = 0;
                byte[] buf = new byte[8192];
                for (int r; (r = ex.body().read(buf)) > 0; ) {
                    n += r;
                }
                ex.respond(200, "text/plain", Long.toString(n).getBytes(StandardCharsets.UTF_8));
            }
            case "/file" -> ex.respondFile(200, "application/octet-stream", servedFile,
                    Long.parseLong(ex.queryParam("off").orElse("0")),
                    Long.parseLong(ex.queryParam("len").orElse(Long.toString(Files.size(servedFile)))));
            case "/boom" -> throw new IllegalStateException("boom");
            default -> ex.respond(404, "text/plain", "nope".getBytes(StandardCharsets.UTF_8));
        }
    };

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Socket tcp() throws IOException {
        server = HttpServer.start(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), handler);
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.tcpPorts().getFirst()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void keepAliveServesRequestsOneAfterAnotherAndStripsTheVersionPrefix() throws IOException {
        try (Socket s = tcp()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            send(s, "GET /v1.41/info?a=b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = readUntilClosed(s.getInputStream());
            assertThat(all).contains("content-length: 5").contains("\r\n\r\nhello").contains("GET 1.41 b");
            assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        }
    }

    @Test
    void anUnreadBodyIsSkippedAndTheConnectionServesTheNextRequest() throws IOException {
        try (Socket s = tcp()) {
            int size = 3 << 20;
            send(s, "POST /info?a=unread HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
            s.getOutputStream().write(new byte[size]);
            send(s, "GET /info?a=next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = readUntilClosed(s.getInputStream());
            assertThat(all).contains("POST - unread").contains("GET - next");
        }
    }

    @Test
    void pipelinedRequestsInOneWriteAreAnsweredInOrder() throws IOException {
        try (Socket s = tcp()) {
            send(s, "GET /info?a=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /info?a=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = readUntilClosed(s.getInputStream());
            assertThat(all.indexOf("GET - 1")).isPositive().isLessThan(all.indexOf("GET - 2"));
        }
    }

    @Test
    void streamSendsOneChunkPerFlush() throws IOException {
        try (Socket s = tcp()) {
            send(s, "GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = readUntilClosed(s.getInputStream());
            assertThat(all).contains("transfer-encoding: chunked")
                    .contains("8\r\n{\"n\":0}\n\r\n8\r\n{\"n\":1}\n\r\n8\r\n{\"n\":2}\n\r\n0\r\n\r\n");
        }
    }

    @Test
    void aSlowReaderHoldsBackAStreamingWriter() throws Exception {
        try (Socket s = tcp()) {
            s.setReceiveBufferSize(64 << 10);
            send(s, "GET /flood HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Thread.sleep(1000);
            assertThat(written.get()).as("bytes written while the client read nothing").isLessThan(8L << 20);
            long total = s.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(total).isGreaterThan(16L << 20);
            assertThat(written.get()).isEqualTo(16L << 20);
        }
    }

    @Test
    void aLargeChunkedUploadArrivesWhole() throws IOException {
        try (Socket s = tcp()) {
            send(s, "POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                send(s, Integer.toHexString(chunk.length) + "\r\n");
                s.getOutputStream().write(chunk);
                send(s, "\r\n");
            }
            send(s, "0\r\n\r\n");
            assertThat(readUntilClosed(s.getInputStream())).endsWith("\r\n\r\n" + (8 << 20));
        }
    }

    @Test
    void aChunkedUploadOver100MegabytesArrivesWithoutStalling() throws IOException {
        try (Socket s = tcp()) {
            send(s, "POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 128; i++) {
                send(s, Integer.toHexString(chunk.length) + "\r\n");
                s.getOutputStream().write(chunk);
                send(s, "\r\n");
            }
            send(s, "0\r\n\r\n");
            assertThat(readUntilClosed(s.getInputStream())).endsWith("\r\n\r\n" + (128 << 20));
        }
    }

    @Test
    void aFileBodyStatesItsLengthAndHeadSendsNoBody() throws Exception {
        dir = Files.createTempDirectory("http-file");
        servedFile = dir.resolve("blob");
        byte[] content = new byte[3 << 20];
        new java.util.Random(7).nextBytes(content);
        Files.write(servedFile, content);
        server = HttpServer.start(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), handler);
        String base = "http://127.0.0.1:" + server.tcpPorts().getFirst();
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var get = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/file"))
                .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        assertThat(get.body()).isEqualTo(content);
        var head = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/file"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).timeout(java.time.Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        assertThat(head.body()).isEmpty();
        var part = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/file?off=100&len=50"))
                .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 150));
        // the connection's framing survived all three
        var info = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/info"))
                .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(info.body()).isEqualTo("GET - -");
    }

    @Test
    void handlerFailureBeforeRespondingIs500() throws IOException {
        try (Socket s = tcp()) {
            send(s, "GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(readUntilClosed(s.getInputStream())).startsWith("HTTP/1.1 500").endsWith("boom");
        }
    }

    @Test
    void hijackUpgradesKeepsBufferedBytesAndHonoursHalfClose() throws IOException {
        try (Socket s = tcp()) {
            // stdin bytes in the same write as the request: the parser has them buffered
            send(s, "POST /attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello ");
            send(s, "world");
            s.shutdownOutput();
            String all = readUntilClosed(s.getInputStream());
            assertThat(all).startsWith("HTTP/1.1 101 UPGRADED\r\n")
                    .contains("Content-Type: application/vnd.docker.raw-stream\r\n")
                    .contains("Upgrade: tcp\r\n")
                    .endsWith("\r\n\r\nHELLO WORLD");
        }
    }

    @Test
    void hijackWithoutUpgradeHeaderAnswers200() throws IOException {
        try (Socket s = tcp()) {
            send(s, "POST /attach HTTP/1.1\r\nHost: x\r\n\r\nabc");
            s.shutdownOutput();
            assertThat(readUntilClosed(s.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nABC");
        }
    }

    @Test
    void hijackHalfCloseWorksOnAUnixSocketToo() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "bh");
        Path sock = dir.resolve("s.sock");
        server = HttpServer.start(List.of(new ListenAddress.Unix(sock, "root")), handler);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap(("POST /attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            ch.read(buf); // the 101 arrives before any stdin is sent, as the docker CLI waits for it
            assertThat(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 UPGRADED");
            ch.write(ByteBuffer.wrap("stdin".getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            buf.clear();
            while (ch.read(buf) > 0) {
                got.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("STDIN");
        }
    }

    @Test
    void unixSocketReplacesAStaleFileAndIsGroupReadableOnly() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "bh");
        Path sock = dir.resolve("s.sock");
        Files.writeString(sock, "stale");
        server = HttpServer.start(List.of(new ListenAddress.Unix(sock, "root")), handler);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock))).isEqualTo("rw-rw----");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(ByteBuffer.wrap("GET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) > 0) {
                got.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            assertThat(got.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK").endsWith("GET - -");
        }
        server.close();
        server = null;
        assertThat(sock).doesNotExist();
    }
}
