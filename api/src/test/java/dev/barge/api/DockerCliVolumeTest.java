package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.http.Router;
import dev.barge.linux.RecordingMounts;
import dev.barge.volume.VolumeService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real docker CLI (when on PATH) against the volume routes, served by the real HTTP server. */
@Timeout(120)
class DockerCliVolumeTest {
    @TempDir Path dir;
    HttpServer server;
    Path socket;
    final Map<String, List<String>> users = new ConcurrentHashMap<>();

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        assumeTrue(onPath("docker"), "docker CLI not installed");
        Router router = new Router();
        VolumeService volumes = new VolumeService(dir.resolve("root"), new RecordingMounts(),
                name -> users.getOrDefault(name, List.of()));
        new VolumeRoutes(volumes).register(router);
        socket = dir.resolve("d.sock");
        server = HttpServer.start(List.of(new ListenAddress.Unix(socket, "root")), new EngineApi(router));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
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
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_CONFIG", dir.resolve("cfg").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                Files.readString(err, StandardCharsets.UTF_8).strip());
    }

    @Test
    void volumeCommandsWorkWithTheRealCli() throws Exception {
        assertThat(docker("volume", "create", "--label", "team=a", "--opt", "type=tmpfs", "--opt", "device=tmpfs",
                "data").out()).isEqualTo("data");
        assertThat(docker("volume", "create", "other").exit()).isZero();
        Result inspect = docker("volume", "inspect", "--format",
                "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels.team}} {{.Options.type}} {{.Mountpoint}}", "data");
        assertThat(inspect.out()).as(inspect.err())
                .isEqualTo("data local local a tmpfs " + dir.resolve("root/volumes/data/_data"));

        assertThat(docker("volume", "ls", "-q", "--filter", "label=team=a").out()).isEqualTo("data");
        assertThat(docker("volume", "ls", "-q", "--filter", "name=oth").out()).isEqualTo("other");
        users.put("data", List.of("c0ffee"));
        assertThat(docker("volume", "ls", "-q", "--filter", "dangling=true").out()).isEqualTo("other");

        Result busy = docker("volume", "rm", "data");
        assertThat(busy.exit()).isNotZero();
        assertThat(busy.err()).isEqualTo("Error response from daemon: remove data: volume is in use - [c0ffee]");

        Result missing = docker("volume", "inspect", "nope");
        assertThat(missing.err()).contains("get nope: no such volume");

        Result prune = docker("volume", "prune", "-f");
        assertThat(prune.out()).as(prune.err()).contains("Total reclaimed space: 0B").doesNotContain("other");
        Result pruneAll = docker("volume", "prune", "-af");
        assertThat(pruneAll.out()).as(pruneAll.err()).contains("other").doesNotContain("data");
        assertThat(docker("volume", "ls", "-q").out()).isEqualTo("data");
    }
}
