package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.container.ContainerService;
import dev.barge.container.ImageAccess;
import dev.barge.container.ImageConfig;
import dev.barge.container.ResolvedImage;
import dev.barge.core.Json;
import dev.barge.core.Mount;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;
import dev.barge.runtime.AttachSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ExecRoutesTest {
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
                return new ResolvedImage("sha256:" + "ee".repeat(32), "busybox:latest", new ImageConfig(List.of(),
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
        new FakeExchange("POST", "/containers/create?name=box", "{\"Image\":\"busybox\"}").run(router);
        new FakeExchange("POST", "/containers/box/start", "").run(router);
    }

    private String createExec(String cmd) throws Exception {
        FakeExchange ex = new FakeExchange("POST", "/containers/box/exec",
                "{\"Cmd\":" + cmd + ",\"AttachStdout\":true,\"AttachStderr\":true}").run(router);
        assertThat(ex.status).isEqualTo(201);
        return Json.mapper().readTree(ex.text()).get("Id").asText();
    }

    @Test
    void attachedExecStreamsFramesAndRecordsTheExitCode() throws Exception {
        String id = createExec("[\"ls\",\"-l\"]");
        JsonNode before = Json.mapper().readTree(new FakeExchange("GET", "/exec/" + id + "/json", "").run(router).text());
        assertThat(before.get("Running").asBoolean()).isFalse();
        assertThat(before.get("ExitCode").isNull()).isTrue();
        assertThat(before.get("ProcessConfig").get("entrypoint").asText()).isEqualTo("ls");
        FakeExchange start = new FakeExchange("POST", "/exec/" + id + "/start", "{\"Detach\":false,\"Tty\":false}");
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                start.run(router);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(start.headersSent.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100 && runtime.lastExec == null; i++) {
            Thread.sleep(10);
        }
        TestRuntime.Exec exec = runtime.lastExec;
        exec.output.add(Optional.of(new AttachSession.Chunk(1, "out\n".getBytes(StandardCharsets.UTF_8))));
        exec.exit.complete(2);
        exec.close();
        t.join(5000);
        assertThat(start.out.toByteArray()).startsWith(1, 0, 0, 0, 0, 0, 0, 4);
        JsonNode after = Json.mapper().readTree(new FakeExchange("GET", "/exec/" + id + "/json", "").run(router).text());
        assertThat(after.get("ExitCode").asInt()).isEqualTo(2);
        assertThat(after.get("Running").asBoolean()).isFalse();
        assertThatThrownBy(() -> new FakeExchange("POST", "/exec/" + id + "/start", "{}").run(router))
                .hasMessageContaining("has already run");
    }

    @Test
    void aMissingExecutableIsWrittenIntoTheStreamAndExitsWith127() throws Exception {
        String id = createExec("[\"nonexistent\"]");
        FakeExchange start = new FakeExchange("POST", "/exec/" + id + "/start", "{}").run(router);
        assertThat(start.hijacked).isTrue();
        assertThat(start.text()).contains("executable file not found in $PATH");
        JsonNode after = Json.mapper().readTree(new FakeExchange("GET", "/exec/" + id + "/json", "").run(router).text());
        assertThat(after.get("ExitCode").asInt()).isEqualTo(127);
    }

    @Test
    void unknownExecsAreNotFound() {
        assertThatThrownBy(() -> new FakeExchange("GET", "/exec/nope/json", "").run(router))
                .hasMessage("No such exec instance: nope");
        assertThatThrownBy(() -> new FakeExchange("POST", "/containers/box/exec", "{\"Cmd\":[]}").run(router))
                .hasMessage("No exec command specified");
    }
}
