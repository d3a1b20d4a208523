package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.container.ContainerService;
import dev.barge.container.ImageAccess;
import dev.barge.container.ImageConfig;
import dev.barge.container.ResolvedImage;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.core.Mount;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ContainerRoutesTest {
    static final String IMAGE_ID = "sha256:" + "cd".repeat(32);

    @TempDir
    Path root;
    TestRuntime runtime;
    Router router;

    @BeforeEach
    void setUp() throws Exception {
        runtime = new TestRuntime(Files.createDirectories(root.resolve("logs")));
        ImageAccess images = new ImageAccess() {
            @Override
            public ResolvedImage resolve(String ref) {
                if (!ref.startsWith("busybox")) {
                    throw BargeException.notFound("No such image: %s:latest", ref);
                }
                return new ResolvedImage(IMAGE_ID, "busybox:latest", new ImageConfig(List.of("PATH=/bin"),
                        List.of("sh"), List.of(), "", "", Map.of(), "", List.of(), List.of(),
                        ImageConfig.Healthcheck.NONE));
            }

            @Override
            public List<Mount> prepareRootfs(String containerId, String imageId) {
                return List.of();
            }

            @Override
            public void removeRootfs(String containerId) {
            }
        };
        ContainerService service = new ContainerService(images, runtime, new EventBus(), root);
        router = new Router();
        new ContainerRoutes(service).register(router);
        new ExecRoutes(service).register(router);
    }

    private FakeExchange call(String method, String path, String body) throws Exception {
        return new FakeExchange(method, path, body).run(router);
    }

    private String create(String name, String body) throws Exception {
        FakeExchange ex = call("POST", "/containers/create?name=" + name, body);
        assertThat(ex.status).isEqualTo(201);
        return Json.mapper().readTree(ex.text()).get("Id").asText();
    }

    @Test
    void createThenInspectSpeaksDockersJson() throws Exception {
        String id = create("web", """
                {"Image":"busybox","Cmd":["echo","hi"],"Labels":{"a":"b"},"Tty":false,
                 "HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":2},"Init":true}}""");
        JsonNode j = Json.mapper().readTree(call("GET", "/containers/web/json", "").text());
        assertThat(j.get("Id").asText()).isEqualTo(id);
        assertThat(j.get("Name").asText()).isEqualTo("/web");
        assertThat(j.get("Path").asText()).isEqualTo("echo");
        assertThat(j.get("Args").get(0).asText()).isEqualTo("hi");
        assertThat(j.get("Image").asText()).isEqualTo(IMAGE_ID);
        assertThat(j.get("Driver").asText()).isEqualTo("overlay2");
        assertThat(j.get("State").get("Status").asText()).isEqualTo("created");
        assertThat(j.get("State").get("StartedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(j.get("Config").get("Labels").get("a").asText()).isEqualTo("b");
        assertThat(j.get("Config").get("Image").asText()).isEqualTo("busybox");
        assertThat(j.get("HostConfig").get("RestartPolicy").get("Name").asText()).isEqualTo("on-failure");
        assertThat(j.get("HostConfig").get("Init").asBoolean()).isTrue();
        assertThat(j.get("NetworkSettings").get("Networks").has("bridge")).isTrue();
    }

    @Test
    void entrypointMayBeAStringAndMissingImagesAreNotFound() throws Exception {
        create("ep", """
                {"Image":"busybox","Entrypoint":"/bin/echo","Cmd":null}""");
        JsonNode j = Json.mapper().readTree(call("GET", "/containers/ep/json", "").text());
        assertThat(j.get("Path").asText()).isEqualTo("/bin/echo");
        assertThatThrownBy(() -> call("POST", "/containers/create", "{\"Image\":\"alpine\"}"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("No such image: alpine:latest");
    }

    @Test
    void waitFlushesHeadersBeforeTheContainerExits() throws Exception {
        String id = create("waiter", "{\"Image\":\"busybox\"}");
        FakeExchange wait = new FakeExchange("POST", "/containers/waiter/wait?condition=next-exit", "");
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                wait.run(router);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(wait.headersSent.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(wait.status).isEqualTo(200);
        assertThat(call("POST", "/containers/waiter/start", "").status).isEqualTo(204);
        runtime.exit(id, 3);
        t.join(5000);
        assertThat(Json.mapper().readTree(wait.text()).get("StatusCode").asInt()).isEqualTo(3);
        assertThat(wait.text()).doesNotContain("Error");
    }

    @Test
    void startingTwiceIsNotModifiedAndListShowsStatusText() throws Exception {
        create("twice", "{\"Image\":\"busybox\"}");
        call("POST", "/containers/twice/start", "");
        assertThatThrownBy(() -> call("POST", "/containers/twice/start", ""))
                .isInstanceOfSatisfying(BargeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_MODIFIED));
        JsonNode rows = Json.mapper().readTree(call("GET",
                "/containers/json?filters=%7B%22status%22%3A%7B%22running%22%3Atrue%7D%7D", "").text());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("Names").get(0).asText()).isEqualTo("/twice");
        assertThat(rows.get(0).get("State").asText()).isEqualTo("running");
        assertThat(rows.get(0).get("Status").asText()).startsWith("Up ");
        assertThat(rows.get(0).get("Command").asText()).isEqualTo("sh");
    }

    @Test
    void attachHijacksWithFramesAndForwardsStdinWithHalfClose() throws Exception {
        String id = create("att", """
                {"Image":"busybox","OpenStdin":true,"StdinOnce":true,"AttachStdin":true}""");
        FakeExchange attach = new FakeExchange("POST",
                "/containers/att/attach?stream=1&stdin=1&stdout=1&stderr=1", "");
        attach.hijackInput = new ByteArrayInputStream("ping\n".getBytes(StandardCharsets.UTF_8));
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                attach.run(router);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(attach.headersSent.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(attach.contentType).isEqualTo("application/vnd.docker.multiplexed-stream");
        call("POST", "/containers/att/start", "");
        TestRuntime.Session s = runtime.lastSession;
        assertThat(s).isNotNull();
        s.output.add(java.util.Optional.of(new dev.barge.runtime.AttachSession.Chunk(2, "err".getBytes())));
        for (int i = 0; i < 100 && !s.stdinClosed; i++) {
            Thread.sleep(20);
        }
        assertThat(s.stdinClosed).isTrue();
        synchronized (s.stdin) {
            assertThat(s.stdin.toString(StandardCharsets.UTF_8)).isEqualTo("ping\n");
        }
        s.close();
        t.join(5000);
        byte[] got = attach.out.toByteArray();
        assertThat(got).startsWith(2, 0, 0, 0, 0, 0, 0, 3);
        assertThat(new String(got, 8, 3, StandardCharsets.UTF_8)).isEqualTo("err");
        assertThat(id).hasSize(64);
    }

    @Test
    void detachKeysEndTheAttachButLeaveStdinOpen() throws Exception {
        create("det", """
                {"Image":"busybox","OpenStdin":true,"Tty":true}""");
        call("POST", "/containers/det/start", "");
        FakeExchange attach = new FakeExchange("POST",
                "/containers/det/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-a,x", "");
        attach.hijackInput = new java.io.SequenceInputStream(new ByteArrayInputStream(new byte[] {'l', 's', 1, 'x'}),
                new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        try {
                            Thread.sleep(10_000); // the client keeps the connection open
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        return -1;
                    }
                });
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                attach.run(router);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(attach.contentType).isEqualTo("application/vnd.docker.raw-stream");
        TestRuntime.Session s = runtime.lastSession;
        synchronized (s.stdin) {
            assertThat(s.stdin.toString(StandardCharsets.UTF_8)).isEqualTo("ls");
        }
        assertThat(s.stdinClosed).isFalse();
    }

    @Test
    void relativeWorkdirsAreRejected() {
        assertThatThrownBy(() -> call("POST", "/containers/create", "{\"Image\":\"busybox\",\"WorkingDir\":\"rel\"}"))
                .hasMessage("the working directory 'rel' is invalid, it needs to be an absolute path");
    }

    @Test
    void attachToAMissingContainerFailsBeforeTheHijack() {
        FakeExchange ex = new FakeExchange("POST", "/containers/nope/attach?stream=1&stdout=1", "");
        assertThatThrownBy(() -> ex.run(router)).hasMessage("No such container: nope");
        assertThat(ex.hijacked).isFalse();
    }

    @Test
    void logsOfANonTtyContainerAreFramed() throws Exception {
        String id = create("logger", "{\"Image\":\"busybox\"}");
        Files.writeString(runtime.logPath(id), "2024-01-01T00:00:00Z stdout F hello\n"
                + "2024-01-01T00:00:01Z stderr F oops\n");
        FakeExchange ex = call("GET", "/containers/logger/logs?stdout=1&stderr=1&timestamps=1", "");
        byte[] got = ex.out.toByteArray();
        String first = "2024-01-01T00:00:00.000000000Z hello\n";
        assertThat(got[0]).isEqualTo((byte) 1);
        assertThat(got[7]).isEqualTo((byte) first.length());
        assertThat(new String(got, 8, first.length(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(got[8 + first.length()]).isEqualTo((byte) 2);
        assertThatThrownBy(() -> call("GET", "/containers/logger/logs", ""))
                .hasMessage("You must choose at least one stream");
    }

    @Test
    void stopKillRemoveAndPruneAnswerLikeDocker() throws Exception {
        create("gone", "{\"Image\":\"busybox\"}");
        call("POST", "/containers/gone/start", "");
        assertThatThrownBy(() -> call("DELETE", "/containers/gone", ""))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThat(call("POST", "/containers/gone/stop?t=1", "").status).isEqualTo(204);
        assertThat(call("DELETE", "/containers/gone?force=1&v=1", "").status).isEqualTo(204);
        create("old", "{\"Image\":\"busybox\"}");
        JsonNode pruned = Json.mapper().readTree(call("POST", "/containers/prune", "").text());
        assertThat(pruned.get("ContainersDeleted")).hasSize(1);
        assertThat(pruned.get("SpaceReclaimed").asLong()).isZero();
    }

    @Test
    void framesHaveDockersHeader() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        new StreamFrames(out, false).write(1, "hi".getBytes());
        assertThat(out.toByteArray()).containsExactly(1, 0, 0, 0, 0, 0, 0, 2, 'h', 'i');
        out.reset();
        new StreamFrames(out, true).write(1, "hi".getBytes());
        assertThat(out.toByteArray()).containsExactly('h', 'i');
        assertThat(StreamFrames.header(2, 0x01020304)).containsExactly(2, 0, 0, 0, 1, 2, 3, 4);
    }

    @Test
    void detachKeysAreFoundAcrossReadsAndFalseStartsAreForwarded() {
        DetachKeys keys = DetachKeys.parse("");
        var fwd = new java.io.ByteArrayOutputStream();
        assertThat(keys.scan(new byte[] {'a', 16, 'b'}, 3, fwd)).isEqualTo(3);
        assertThat(fwd.toByteArray()).containsExactly('a', 16, 'b');
        fwd.reset();
        assertThat(keys.scan(new byte[] {'x', 16}, 2, fwd)).isEqualTo(1);
        fwd.reset();
        assertThat(keys.scan(new byte[] {17}, 1, fwd)).isEqualTo(-1);
        assertThat(DetachKeys.parse("ctrl-x,y").sequence()).containsExactly(24, 'y');
        assertThatThrownBy(() -> DetachKeys.parse("ctrl-xx")).hasMessage("Invalid detach keys (ctrl-xx) provided");
    }

    @Test
    void statusTextLikeDocker() {
        assertThat(StatusText.human(java.time.Duration.ofSeconds(0))).isEqualTo("Less than a second");
        assertThat(StatusText.human(java.time.Duration.ofSeconds(30))).isEqualTo("30 seconds");
        assertThat(StatusText.human(java.time.Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(StatusText.human(java.time.Duration.ofMinutes(5))).isEqualTo("5 minutes");
        assertThat(StatusText.human(java.time.Duration.ofHours(3))).isEqualTo("3 hours");
        assertThat(StatusText.human(java.time.Duration.ofDays(3))).isEqualTo("3 days");
    }
}
