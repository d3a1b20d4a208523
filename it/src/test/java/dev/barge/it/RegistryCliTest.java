package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.registry.RegistryServer;
import dev.barge.registry.ServerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real docker CLI through a real barged against two registries with basic auth: ours
 * (barge-registry) and Debian's docker-registry (CNCF distribution): login, push, rmi, pull, run
 * it, pull by digest, logout.
 */
@Timeout(300)
class RegistryCliTest extends BargedPerClass {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pw";
    private static Path htpasswd;
    private static RegistryServer ours;
    private static Process distribution;

    @BeforeAll
    static void startRegistries() throws Exception {
        loadBusybox();
        htpasswd = barged.dir().resolve("htpasswd");
        var made = barged.exec(List.of("htpasswd", "-Bbc", htpasswd.toString(), USER, PASSWORD), Duration.ofSeconds(30));
        assumeTrue(made.ok(), "htpasswd (apache2-utils) not installed");
        ours = RegistryServer.start(new ServerConfig("127.0.0.1:0", barged.dir().resolve("ours"), Optional.empty(), Optional.empty(),
                Optional.of(htpasswd), ServerConfig.DEFAULT_MAX_UPLOAD, Optional.empty(), 0));
    }

    @AfterAll
    static void stopRegistries() throws InterruptedException {
        if (ours != null) {
            ours.close();
        }
        if (distribution != null) {
            distribution.destroy();
            distribution.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void againstBargeRegistry() {
        roundTrip("127.0.0.1:" + ours.port());
    }

    @Test
    void againstDockerRegistry() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "docker-registry not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = barged.dir().resolve("distribution.yml");
        Files.writeString(config, """
                version: 0.1
                log: {level: error}
                storage: {filesystem: {rootdirectory: %s}, delete: {enabled: true}}
                auth: {htpasswd: {realm: test, path: %s}}
                http: {addr: "127.0.0.1:%d"}
                """.formatted(barged.dir().resolve("distribution"), htpasswd, port));
        distribution = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(barged.dir().resolve("distribution.log").toFile()).start();
        awaitUp(port);
        roundTrip("127.0.0.1:" + port);
    }

    private static void roundTrip(String registry) {
        String image = registry + "/cli/busybox:v1";
        ok(barged.docker("tag", "busybox:latest", image));
        var anonymous = barged.docker("push", image);
        assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();
        assertThat(anonymous.stderr() + anonymous.stdout()).contains("no basic auth credentials");

        var wrong = barged.exec(List.of("sh", "-c", "echo wrong | docker login -u " + USER + " --password-stdin " + registry),
                Duration.ofSeconds(60));
        assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
        var login = barged.exec(List.of("sh", "-c", "echo " + PASSWORD + " | docker login -u " + USER + " --password-stdin " + registry),
                Duration.ofSeconds(60));
        ok(login);
        assertThat(login.stdout()).contains("Login Succeeded");

        var push = barged.docker("push", image);
        ok(push);
        Matcher digest = Pattern.compile("v1: digest: (sha256:[0-9a-f]{64}) size: [0-9]+").matcher(push.stdout());
        assertThat(digest.find()).as(push.stdout()).isTrue();
        ok(barged.docker("rmi", image));

        var pull = barged.docker("pull", image);
        ok(pull);
        assertThat(pull.stdout()).contains("Digest: " + digest.group(1))
                .contains("Already exists") // busybox:latest kept the layers
                .contains("Status: Downloaded newer image for " + image);
        var run = barged.docker("run", "--rm", image, "echo", "pulled and running");
        ok(run);
        assertThat(run.stdout()).isEqualTo("pulled and running\n");

        ok(barged.docker("rmi", image));
        String byDigest = registry + "/cli/busybox@" + digest.group(1);
        var pinned = barged.docker("pull", byDigest);
        ok(pinned);
        assertThat(barged.docker("images", "--digests", "--format", "{{.Repository}} {{.Digest}}").stdout())
                .contains(registry + "/cli/busybox " + digest.group(1));
        ok(barged.docker("rmi", byDigest));

        ok(barged.docker("logout", registry));
        var after = barged.docker("pull", image);
        assertThat(after.exitCode()).as(after.toString()).isNotZero();
    }

    private static void ok(Barged.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private static void awaitUp(int port) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("docker-registry did not start on " + port);
    }
}
