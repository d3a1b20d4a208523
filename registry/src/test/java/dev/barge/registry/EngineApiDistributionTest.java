package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.api.DistributionRoutes;
import dev.barge.api.EngineApi;
import dev.barge.api.ImageRoutes;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import dev.barge.http.Router;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull, push, login, distribution inspect and search through the Engine API, as the CLI calls them. */
class EngineApiDistributionTest {
    @TempDir
    Path dir;
    Store store;
    RegistryServer registry;
    HttpServer engine;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String api;
    String reg;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("registry")));
        reg = "127.0.0.1:" + registry.port();
        store = Store.open(dir.resolve("store"));
        EventBus events = new EventBus();
        ImageService images = new ImageService(store, events, ImageUsage.NONE);
        RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), RegistryConfig.DEFAULT_CERTS_DIR)));
        DistributionRoutes distribution = new DistributionRoutes(new ImagePuller(images, store, client, events, 3),
                new ImagePusher(images, store, client, events, 3), client);
        Router router = new Router();
        new ImageRoutes(images, distribution::pull).register(router);
        distribution.register(router);
        engine = HttpServer.start(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), new EngineApi(router));
        api = "http://127.0.0.1:" + engine.tcpPorts().getFirst();
        Path busybox = dir.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", busybox.toString(), reg + "/api/busybox:latest")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (var in = Files.newInputStream(busybox)) {
            images.load(in, true, m -> { });
        }
    }

    @AfterEach
    void stop() {
        engine.close();
        registry.close();
        store.close();
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString("{}".getBytes());
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("X-Registry-Auth", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pushThenPullSpeakDockersProgressStream() throws Exception {
        var push = call("POST", "/v1.47/images/" + reg + "/api/busybox/push?tag=latest", null);
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(push.body()).startsWith("{\"status\":\"The push refers to repository [" + reg + "/api/busybox]\"}\n")
                .contains("\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"")
                .containsPattern("\\{\"status\":\"Pushing\",\"progressDetail\":\\{\"(current|total)\":[0-9]+,\"(current|total)\":[0-9]+},\"progress\":\"\\[=*>? *]")
                .contains("\"aux\":{\"Tag\":\"latest\",\"Digest\":\"sha256:");
        var pull = call("POST", "/v1.47/images/create?fromImage=" + reg + "/api/busybox&tag=latest", null);
        assertThat(pull.statusCode()).isEqualTo(200);
        assertThat(pull.body()).startsWith("{\"status\":\"Pulling from api/busybox\",\"id\":\"latest\"}\n")
                .contains("{\"status\":\"Status: Image is up to date for " + reg + "/api/busybox:latest\"}");
        var inspect = call("GET", "/v1.47/distribution/" + reg + "/api/busybox:latest/json", null);
        assertThat(inspect.statusCode()).isEqualTo(200);
        assertThat(inspect.body()).contains("\"Descriptor\"").contains("\"architecture\":\"amd64\"");
    }

    @Test
    void aMissingTagIsAnHttpErrorBeforeAnyProgress() throws Exception {
        call("POST", "/v1.47/images/" + reg + "/api/busybox/push?tag=latest", null);
        var pull = call("POST", "/v1.47/images/create?fromImage=" + reg + "/api/busybox&tag=nope", null);
        assertThat(pull.statusCode()).isEqualTo(404);
        assertThat(pull.body()).contains("manifest for " + reg + "/api/busybox:nope not found: manifest unknown: manifest unknown");
    }

    @Test
    void aFailureAfterTheFirstMessageEndsTheStreamWithErrorDetail() throws Exception {
        registry.close(); // gone after "The push refers to..." was sent
        var push = call("POST", "/v1.47/images/" + reg + "/api/busybox/push?tag=latest", null);
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(push.body()).startsWith("{\"status\":\"The push refers to repository [")
                .contains("{\"errorDetail\":{\"message\":");
        registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("registry")));
    }

    @Test
    void loginAndSearch() throws Exception {
        var login = call("POST", "/v1.47/auth", "{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"" + reg + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}\n");
        var search = call("GET", "/v1.47/images/search?term=busybox", null);
        assertThat(search.statusCode()).isEqualTo(501);
        assertThat(search.body()).contains("not supported");
    }
}
