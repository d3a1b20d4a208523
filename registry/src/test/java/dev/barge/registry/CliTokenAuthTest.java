package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.api.DistributionRoutes;
import dev.barge.api.EngineApi;
import dev.barge.api.ImageRoutes;
import dev.barge.api.system.PingRoutes;
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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI, through an engine serving barged's image and distribution routes on a
 * unix socket, against barge-registry with bearer-token auth: login, push, rmi, pull, logout.
 */
class CliTokenAuthTest {
    @TempDir
    Path dir;
    Store store;
    TestTokenServer tokens;
    RegistryServer registry;
    HttpServer engine;
    String reg;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(InteropTest.installed("docker"), "docker CLI not installed");
        tokens = TestTokenServer.start(dir, "ES256", Map.of("alice", "s3cret"));
        registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("registry")).withToken(tokens.config()));
        reg = "127.0.0.1:" + registry.port();
        store = Store.open(dir.resolve("store"));
        EventBus events = new EventBus();
        ImageService images = new ImageService(store, events, ImageUsage.NONE);
        RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));
        DistributionRoutes distribution = new DistributionRoutes(new ImagePuller(images, store, client, events, 3),
                new ImagePusher(images, store, client, events, 3), client);
        Router router = new Router();
        new PingRoutes().register(router);
        new ImageRoutes(images, distribution::pull).register(router);
        distribution.register(router);
        engine = HttpServer.start(List.of(new ListenAddress.Unix(dir.resolve("d.sock"), "root")), new EngineApi(router));
        Path busybox = dir.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", busybox.toString(), reg + "/cli/busybox:latest")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (var in = Files.newInputStream(busybox)) {
            images.load(in, true, m -> { });
        }
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
            registry.close();
            tokens.close();
            store.close();
        }
    }

    record Result(int exit, String out) {}

    Result docker(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Path in = dir.resolve("stdin");
        Files.writeString(in, stdin);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(in.toFile()));
        pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("d.sock"));
        pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out));
    }

    @Test
    void loginPushRmiPullLogout() throws Exception {
        String image = reg + "/cli/busybox:latest";
        var anonymous = docker("", "push", image);
        assertThat(anonymous.exit()).as(anonymous.out()).isNotZero();
        assertThat(anonymous.out()).contains("authentication required");

        var wrong = docker("wrong\n", "login", "-u", "alice", "--password-stdin", reg);
        assertThat(wrong.exit()).as(wrong.out()).isNotZero();
        var login = docker("s3cret\n", "login", "-u", "alice", "--password-stdin", reg);
        assertThat(login.exit()).as(login.out()).isZero();
        assertThat(login.out()).contains("Login Succeeded");
        assertThat(Files.readString(dir.resolve("docker-config/config.json"))).contains(reg);

        var push = docker("", "push", image);
        assertThat(push.exit()).as(push.out()).isZero();
        assertThat(push.out()).contains("latest: digest: sha256:");
        assertThat(docker("", "rmi", image).exit()).isZero();
        var pull = docker("", "pull", image);
        assertThat(pull.exit()).as(pull.out()).isZero();
        assertThat(pull.out()).contains("Status: Downloaded newer image for " + image);

        assertThat(docker("", "logout", reg).exit()).isZero();
        assertThat(docker("", "rmi", image).exit()).isZero();
        var denied = docker("", "pull", image);
        assertThat(denied.exit()).as(denied.out()).isNotZero();
        assertThat(denied.out()).contains("authentication required");
    }
}
