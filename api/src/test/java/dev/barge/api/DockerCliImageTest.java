package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.api.system.PingRoutes;
import dev.barge.core.event.EventBus;
import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import dev.barge.http.Router;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.store.Store;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI (when on PATH) against the image routes, served by the real HTTP server
 * and {@link EngineApi} on a unix socket: checks that the CLI reads our JSON and messages as it
 * reads Docker's. (The it module runs the whole daemon; this runs in the api module's build.)
 */
@Timeout(120)
class DockerCliImageTest {
    @TempDir Path dir;
    Store store;
    HttpServer server;
    Path socket;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker")) || onPath("docker"), "docker CLI not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "the socket is chowned to root");
        store = Store.open(dir.resolve("root"));
        Router router = new Router();
        new PingRoutes().register(router);
        new ImageRoutes(new ImageService(store, new EventBus(), ImageUsage.NONE)).register(router);
        socket = dir.resolve("d.sock");
        server = HttpServer.start(List.of(new ListenAddress.Unix(socket, "root")), new EngineApi(router));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static boolean onPath(String cmd) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, cmd))) {
                return true;
            }
        }
        return false;
    }

    private Result docker(String... args) throws Exception {
        return dockerWithInput(null, args);
    }

    private Result dockerWithInput(Path stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_CONFIG", dir.resolve("cfg").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(), Files.readString(err, StandardCharsets.UTF_8).strip());
    }

    @Test
    void imageCommandsWorkWithTheRealCli() throws Exception {
        Path archive = dir.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", archive.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Result load = docker("load", "-i", archive.toString());
        assertThat(load.exit()).as(load.err()).isZero();
        assertThat(load.out()).isEqualTo("Loaded image: busybox:latest");

        Result images = docker("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}");
        assertThat(images.exit()).as(images.err()).isZero();
        assertThat(images.out()).startsWith("busybox:latest ");

        Result inspect = docker("image", "inspect", "--format", "{{.Id}} {{.Os}} {{index .Config.Cmd 0}} {{.GraphDriver.Name}}", "busybox");
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out()).matches("sha256:[a-f0-9]{64} linux sh overlay2");

        Result history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "busybox");
        assertThat(history.out()).as(history.err()).isEqualTo("make-busybox-image: static busybox rootfs");

        assertThat(docker("tag", "busybox", "example/box:1").exit()).isZero();
        Result untag = docker("rmi", "example/box:1");
        assertThat(untag.out()).as(untag.err()).isEqualTo("Untagged: example/box:1");

        Path saved = dir.resolve("saved.tar");
        Result save = docker("save", "-o", saved.toString(), "busybox");
        assertThat(save.exit()).as(save.err()).isZero();
        assertThat(Files.size(saved)).isGreaterThan(100_000);

        Result imported = dockerWithInput(archive, "import", "-c", "CMD [\"sh\"]", "-", "imported:1");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).matches("sha256:[a-f0-9]{64}");

        Result missing = docker("rmi", "nope");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("No such image: nope:latest");

        Result rmi = docker("rmi", "busybox");
        assertThat(rmi.out()).as(rmi.err()).startsWith("Untagged: busybox:latest\nDeleted: sha256:");

        Result reload = docker("load", "-i", saved.toString());
        assertThat(reload.out()).as(reload.err()).isEqualTo("Loaded image: busybox:latest");
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", "busybox").out()).isEqualTo(inspect.out().split(" ")[0]);

        Result prune = docker("image", "prune", "-a", "-f");
        assertThat(prune.exit()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("Total reclaimed space");
        assertThat(docker("images", "-q").out()).isEmpty();
    }
}
