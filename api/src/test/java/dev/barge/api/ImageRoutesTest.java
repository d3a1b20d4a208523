package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.core.event.EventBus;
import dev.barge.engineapi.ApiVersion;
import dev.barge.http.Router;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.store.Store;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ImageRoutesTest {
    @TempDir static Path fixtures;
    static Path busybox;
    @TempDir Path root;
    Store store;
    ImageRoutes routes;
    Router router = new Router();

    @BeforeAll
    static void fixture() throws Exception {
        busybox = fixtures.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", busybox.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @BeforeEach
    void open() {
        store = Store.open(root);
        routes = new ImageRoutes(new ImageService(store, new EventBus(), ImageUsage.NONE));
        routes.register(router);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ImageTestExchange call(ImageTestExchange ex) throws Exception {
        Router.Match m = router.match(ex.method(), ex.path()).orElseThrow(() -> new AssertionError("no route for " + ex.path()));
        m.params().forEach(ex::param);
        // the version EngineApi would bind from the path
        ApiVersion version = ex.pathVersion().map(ApiVersion::parse).orElse(ApiVersion.MAX);
        ScopedValue.where(ApiContext.VERSION, version).call(() -> {
            m.handler().handle(ex);
            return null;
        });
        return ex;
    }

    private void loadBusybox() throws Exception {
        ImageTestExchange ex = call(new ImageTestExchange("POST", "/images/load").query("quiet", "1").body(Files.newInputStream(busybox)));
        assertThat(ex.text()).isEqualTo("{\"stream\":\"Loaded image: busybox:latest\\n\"}\n");
    }

    private static JsonNode json(ImageTestExchange ex) throws Exception {
        return Json.mapper().readTree(ex.response.toByteArray());
    }

    @Test
    void loadStreamsOneFlushedMessagePerImage() throws Exception {
        ImageTestExchange ex = call(new ImageTestExchange("POST", "/images/load").body(Files.newInputStream(busybox)));
        assertThat(ex.status).isEqualTo(200);
        assertThat(ex.contentType).isEqualTo("application/json");
        assertThat(ex.flushes).containsExactly(ex.response.size());
    }

    @Test
    void loadErrorsTravelInsideTheStream() throws Exception {
        ImageTestExchange ex = call(new ImageTestExchange("POST", "/images/load").body(new ByteArrayInputStream("not a tar at all".repeat(100).getBytes())));
        assertThat(ex.status).isEqualTo(200);
        JsonNode msg = json(ex);
        assertThat(msg.path("error").asText()).isNotEmpty();
        assertThat(msg.path("errorDetail").path("message").asText()).isEqualTo(msg.path("error").asText());
    }

    @Test
    void listShowsDockerFields() throws Exception {
        loadBusybox();
        JsonNode list = json(call(new ImageTestExchange("GET", "/images/json")));
        assertThat(list).hasSize(1);
        JsonNode img = list.get(0);
        assertThat(img.path("Id").asText()).startsWith("sha256:");
        assertThat(img.path("RepoTags").get(0).asText()).isEqualTo("busybox:latest");
        assertThat(img.path("Created").asLong()).isEqualTo(1577836800L);
        assertThat(img.path("SharedSize").asLong()).isEqualTo(-1);
        assertThat(img.path("Containers").asLong()).isEqualTo(-1);
        assertThat(img.has("VirtualSize")).isFalse();
        assertThat(img.path("ParentId").asText()).isEmpty();
        JsonNode old = json(call(new ImageTestExchange("GET", "/images/json").version("1.41")));
        assertThat(old.get(0).path("VirtualSize").asLong()).isEqualTo(img.path("Size").asLong());
        JsonNode shared = json(call(new ImageTestExchange("GET", "/images/json").query("shared-size", "1")));
        assertThat(shared.get(0).path("SharedSize").asLong()).isZero();
    }

    @Test
    void listFiltersAcceptBothJsonShapes() throws Exception {
        loadBusybox();
        assertThat(json(call(new ImageTestExchange("GET", "/images/json").query("filters", "{\"dangling\":[\"true\"]}")))).isEmpty();
        assertThat(json(call(new ImageTestExchange("GET", "/images/json").query("filters", "{\"dangling\":{\"false\":true}}")))).hasSize(1);
        assertThat(json(call(new ImageTestExchange("GET", "/images/json").query("filters", "{\"reference\":[\"busy*\"]}")))).hasSize(1);
        assertThat(json(call(new ImageTestExchange("GET", "/images/json").query("filters", "{\"label\":{\"a=b\":true}}")))).isEmpty();
        assertThatThrownBy(() -> call(new ImageTestExchange("GET", "/images/json").query("filters", "{\"bogus\":[\"x\"]}")))
                .isInstanceOf(BargeException.class).hasMessage("invalid filter 'bogus'");
    }

    @Test
    void inspectAndHistory() throws Exception {
        loadBusybox();
        JsonNode img = json(call(new ImageTestExchange("GET", "/images/busybox/json")));
        assertThat(img.path("RepoTags").get(0).asText()).isEqualTo("busybox:latest");
        assertThat(img.path("Config").path("Cmd").get(0).asText()).isEqualTo("sh");
        assertThat(img.path("Config").path("Env").get(0).asText()).startsWith("PATH=");
        assertThat(img.path("Os").asText()).isEqualTo("linux");
        assertThat(img.path("Architecture").asText()).isEqualTo("amd64");
        assertThat(img.path("Created").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(img.path("GraphDriver").path("Name").asText()).isEqualTo("overlay2");
        assertThat(img.path("GraphDriver").path("Data").path("UpperDir").asText()).startsWith(root.toString());
        assertThat(img.path("RootFS").path("Layers")).hasSize(1);
        assertThat(img.path("Metadata").path("LastTagTime").asText()).isNotEmpty();
        assertThat(img.path("Config").has("Hostname")).isFalse();
        JsonNode older = json(call(new ImageTestExchange("GET", "/images/busybox/json").version("1.43")));
        assertThat(older.path("Config").path("Hostname").asText()).isEmpty();
        assertThat(older.path("Config").has("AttachStdin")).isTrue();
        assertThat(older.path("VirtualSize").asLong()).isEqualTo(img.path("Size").asLong());
        JsonNode history = json(call(new ImageTestExchange("GET", "/images/busybox/history")));
        assertThat(history.get(0).path("CreatedBy").asText()).isEqualTo("make-busybox-image: static busybox rootfs");
        assertThat(history.get(0).path("Tags").get(0).asText()).isEqualTo("busybox:latest");
        assertThatThrownBy(() -> call(new ImageTestExchange("GET", "/images/nothere/json")))
                .isInstanceOf(BargeException.class).hasMessage("No such image: nothere:latest")
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void tagRemoveAndPrune() throws Exception {
        loadBusybox();
        ImageTestExchange tag = call(new ImageTestExchange("POST", "/images/busybox/tag").query("repo", "localhost:5000/box").query("tag", "v1"));
        assertThat(tag.status).isEqualTo(201);
        JsonNode untag = json(call(new ImageTestExchange("DELETE", "/images/localhost:5000/box:v1")));
        assertThat(untag.toString()).isEqualTo("[{\"Untagged\":\"localhost:5000/box:v1\"}]");
        JsonNode removed = json(call(new ImageTestExchange("DELETE", "/images/busybox")));
        assertThat(removed.get(0).path("Untagged").asText()).isEqualTo("busybox:latest");
        assertThat(removed.get(1).path("Deleted").asText()).startsWith("sha256:");
        JsonNode pruned = json(call(new ImageTestExchange("POST", "/images/prune")));
        assertThat(pruned.toString()).isEqualTo("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}");
    }

    @Test
    void saveStreamsATarAndUnknownNamesFailBeforeStreaming() throws Exception {
        loadBusybox();
        ImageTestExchange ex = call(new ImageTestExchange("GET", "/images/get").query("names", "busybox"));
        assertThat(ex.contentType).isEqualTo("application/x-tar");
        assertThat(ex.response.size()).isGreaterThan(100_000);
        ImageTestExchange one = call(new ImageTestExchange("GET", "/images/busybox:latest/get"));
        assertThat(one.response.size()).isEqualTo(ex.response.size());
        ImageTestExchange bad = new ImageTestExchange("GET", "/images/get").query("names", "nope");
        assertThatThrownBy(() -> call(bad)).hasMessage("No such image: nope:latest");
        assertThat(bad.status).isZero();
    }

    @Test
    void createImportsFromTheBodyAndRefusesPulls() throws Exception {
        byte[] rootfs = Files.readAllBytes(busybox); // any tar will do as a root file system
        ImageTestExchange ex = call(new ImageTestExchange("POST", "/images/create").query("fromSrc", "-").query("repo", "imported")
                .query("tag", "v2").query("changes", "CMD [\"sh\"]").body(new ByteArrayInputStream(rootfs)));
        assertThat(json(ex).path("status").asText()).startsWith("sha256:");
        assertThat(json(call(new ImageTestExchange("GET", "/images/imported:v2/json"))).path("Config").path("Cmd").get(0).asText()).isEqualTo("sh");
        assertThatThrownBy(() -> call(new ImageTestExchange("POST", "/images/create").query("fromImage", "alpine").query("tag", "latest")))
                .isInstanceOf(BargeException.class)
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("pulling images is not supported yet: alpine");
    }
}
