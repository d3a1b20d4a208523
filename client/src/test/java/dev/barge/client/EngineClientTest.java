package dev.barge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EngineClientTest {
    private static final String PING_145 = "HTTP/1.1 200 OK\r\nApi-Version: 1.45\r\nContent-Length: 2\r\n\r\nOK";

    private static TinyServer server(String... responses) throws Exception {
        List<String> queue = new ArrayList<>(List.of(responses));
        return new TinyServer(r -> {
            if (r.requestLine().startsWith("GET /_ping")) {
                r.respond(PING_145);
            } else if (r.requestLine().contains(" /v1.50/")) {
                // as moby's version middleware: a version above the daemon's own is refused
                String body = "{\"message\":\"client version 1.50 is too new. Maximum supported API version is 1.45\"}";
                r.respond("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
            } else {
                r.respond(queue.removeFirst());
            }
        });
    }

    @Test
    void negotiatesTheDaemonsLowerVersion() throws Exception {
        try (TinyServer s = server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\": 1}\n")) {
            EngineClient c = new EngineClient(s.host(), Optional.empty());
            JsonNode n = c.json(Request.get("/info"));
            assertThat(n.get("a").asInt()).isEqualTo(1);
            // a GET goes out first at our newest version, without a ping; refused, we negotiate and ask again
            assertThat(s.requests.get(0).requestLine()).isEqualTo("GET /v1.50/info HTTP/1.1");
            assertThat(s.requests.get(1).requestLine()).startsWith("GET /_ping");
            assertThat(s.requests.get(2).requestLine()).isEqualTo("GET /v1.45/info HTTP/1.1");
        }
    }

    @Test
    void capsTheVersionAtOurMaximum() throws Exception {
        try (TinyServer s = new TinyServer(r -> r.respond("HTTP/1.1 200 OK\r\nApi-Version: 1.52\r\nContent-Length: 0\r\n\r\n"))) {
            assertThat(new EngineClient(s.host(), Optional.empty()).apiVersion()).isEqualTo("1.50");
        }
    }

    @Test
    void decodesChunkedJsonStreams() throws Exception {
        String body = TinyServer.chunked("{\"stream\":\"a\"}\r\n{\"str", "eam\":\"b\"}\n", "{\"x\":1}");
        try (TinyServer s = server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body)) {
            EngineClient c = new EngineClient(s.host(), Optional.empty());
            List<String> got = new ArrayList<>();
            try (Response r = c.call(Request.post("/images/load"))) {
                r.jsonStream().forEachRemaining(n -> got.add(n.toString()));
            }
            assertThat(got).containsExactly("{\"stream\":\"a\"}", "{\"stream\":\"b\"}", "{\"x\":1}");
        }
    }

    @Test
    void errorsCarryStatusAndTheDaemonsMessage() throws Exception {
        String json = "{\"message\":\"No such image: nope:latest\"}";
        try (TinyServer s = server("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length() + "\r\n\r\n" + json)) {
            EngineClient c = new EngineClient(s.host(), Optional.empty());
            assertThatThrownBy(() -> c.json(Request.get("/images/nope/json")))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).isEqualTo("No such image: nope:latest");
                    });
        }
    }

    @Test
    void sendsJsonBodiesAndQueryParameters() throws Exception {
        try (TinyServer s = server("HTTP/1.1 201 Created\r\nContent-Length: 13\r\n\r\n{\"Id\":\"abc\"}\n")) {
            EngineClient c = new EngineClient(s.host(), Optional.of("1.44"));
            JsonNode n = c.json(Request.post("/containers/create").query("name", "a b").json(Map.of("Image", "busybox")));
            assertThat(n.get("Id").asText()).isEqualTo("abc");
            TinyServer.Received r = s.requests.getFirst();
            assertThat(r.requestLine()).isEqualTo("POST /v1.44/containers/create?name=a+b HTTP/1.1");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Image\":\"busybox\"}");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void streamsRequestBodiesChunked() throws Exception {
        try (TinyServer s = server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            EngineClient c = new EngineClient(s.host(), Optional.of("1.44"));
            byte[] tar = new byte[100_000];
            for (int i = 0; i < tar.length; i++) tar[i] = (byte) i;
            c.run(Request.post("/images/load").stream(new ByteArrayInputStream(tar), "application/x-tar"));
            TinyServer.Received r = s.requests.getFirst();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.body()).isEqualTo(tar);
        }
    }

    @Test
    void anEarlyRefusalOfAnUploadIsReported() throws Exception {
        String json = "{\"message\":\"invalid tar header\"}";
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("early");
        java.nio.file.Path sock = dir.resolve("s.sock");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(sock));
            Thread.ofVirtual().start(() -> {
                try (var ch = server.accept()) {
                    ch.read(java.nio.ByteBuffer.allocate(512));
                    ch.write(java.nio.ByteBuffer.wrap(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + json.length() + "\r\n\r\n" + json).getBytes(StandardCharsets.US_ASCII)));
                    ch.shutdownOutput();
                    Thread.sleep(200);
                } catch (Exception e) {
                    // the test checks what the client saw
                }
            });
            EngineClient c = new EngineClient(DockerHost.parse("unix://" + sock), Optional.of("1.44"));
            byte[] big = new byte[8 * 1024 * 1024];
            assertThatThrownBy(() -> c.run(Request.post("/images/load").stream(new ByteArrayInputStream(big),
                    "application/x-tar"))).isInstanceOfSatisfying(EngineException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("invalid tar header"));
        } finally {
            java.nio.file.Files.deleteIfExists(sock);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    @Test
    void hijackStreamsBothWaysAndHalfCloses() throws Exception {
        try (TinyServer s = new TinyServer(r -> {
            if (r.requestLine().startsWith("GET /_ping")) {
                r.respond(PING_145);
                return;
            }
            // the 101 and the first frame in one write: bytes after the head belong to the stream
            r.respond("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            byte[] stdin = r.in().readAllBytes(); // until the client's half-close
            r.out().write(frame(1, "got " + new String(stdin, StandardCharsets.UTF_8)));
            r.out().write(frame(2, "warn"));
            r.out().flush();
        })) {
            EngineClient c = new EngineClient(s.host(), Optional.empty());
            try (Hijacked h = c.hijack(Request.post("/containers/x/attach").query("stream", "1"))) {
                assertThat(h.multiplexed()).isTrue();
                h.input().write("hello".getBytes(StandardCharsets.UTF_8));
                h.closeWrite();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                FrameDemuxer.copy(h.output(), out, err);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got hello");
                assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warn");
            }
            TinyServer.Received r = s.requests.get(1);
            assertThat(r.header("Upgrade")).isEqualTo("tcp");
            assertThat(r.header("Connection")).isEqualTo("Upgrade");
        }
    }

    @Test
    void unreachableDaemonIsAConnectionFailure() {
        EngineClient c = new EngineClient(DockerHost.parse("unix:///nonexistent/barge.sock"), Optional.empty());
        assertThatThrownBy(c::apiVersion).isInstanceOf(ConnectionFailedException.class)
                .hasMessage("Cannot connect to the Docker daemon at unix:///nonexistent/barge.sock. Is the docker daemon running?");
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
}
