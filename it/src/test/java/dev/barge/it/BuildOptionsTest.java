package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code docker build}'s options with the legacy builder (DOCKER_BUILDKIT=0), through the real CLI. */
@Timeout(180)
class BuildOptionsTest {
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    private static Path context(String name, String dockerfile) throws IOException {
        Path dir = d.barged().dir().resolve("ctx-" + name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("data.txt"), "from the context\n");
        return dir;
    }

    private static Barged.Result build(Path dir, String args) {
        return d.shell("cd " + dir + " && DOCKER_BUILDKIT=0 docker build " + args + " .", BUILD_TIMEOUT);
    }

    private static Barged.Result ok(Barged.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void runStepsUseTheBuildsNetworkMode() throws IOException {
        Path dir = context("net", "FROM busybox\nRUN ls /sys/class/net > /nets\nCMD [\"cat\", \"/nets\"]\n");
        ok(build(dir, "--network none -t net:none"));
        assertThat(d.ok("run", "--rm", "net:none").lines().toList()).containsExactly("lo");
        // the network is not part of the cache key (it is no part of the image's config, as with Docker)
        ok(build(dir, "--network host --no-cache -t net:host"));
        assertThat(d.ok("run", "--rm", "net:host").lines().toList()).contains("lo", d.barged().bridge());
        d.ok("network", "create", "buildnet");
        try {
            ok(build(dir, "--network buildnet --no-cache -t net:named"));
            assertThat(d.ok("run", "--rm", "net:named").lines().toList()).contains("lo", "eth0");
        } finally {
            d.docker("network", "rm", "buildnet");
        }
    }

    @Test
    void platformIsTheDaemonsOwnOrRefused() throws IOException {
        Path dir = context("platform", "FROM busybox\nRUN true\n");
        ok(build(dir, "--platform linux/amd64"));
        var other = build(dir, "--platform linux/arm64");
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.stderr()).contains("linux/arm64 is not supported");
        Files.writeString(dir.resolve("Dockerfile"), "FROM --platform=linux/s390x busybox\nRUN true\n");
        assertThat(build(dir, "").stderr()).contains("linux/s390x is not supported");
    }

    @Test
    void pullReResolvesTheBaseAndFailsWithTheRegistrysError() throws IOException {
        // a loopback port where no registry listens: the pull fails as Docker's does, nothing is left behind
        d.ok("tag", "busybox", "localhost:1/busybox:1");
        String imagesBefore = d.ok("images", "-a", "-q", "--no-trunc");
        Path dir = context("pull", "FROM localhost:1/busybox:1\nRUN true\n");
        ok(build(dir, "-t pulled:0"));
        var pulled = build(dir, "--pull -t pulled:1");
        assertThat(pulled.exitCode()).isNotZero();
        assertThat(pulled.stderr()).contains("localhost:1");
        assertThat(d.docker("image", "inspect", "pulled:1").exitCode()).isNotZero();
        d.ok("rmi", "pulled:0");
        assertThat(d.ok("images", "-a", "-q", "--no-trunc")).isEqualTo(imagesBefore);

        // a FROM image that is not here is pulled, as Docker's builder does
        Files.writeString(dir.resolve("Dockerfile"), "FROM localhost:1/absent:1\nRUN true\n");
        var absent = build(dir, "");
        assertThat(absent.exitCode()).isNotZero();
        assertThat(absent.stderr()).contains("localhost:1");
        d.ok("rmi", "localhost:1/busybox:1");
    }

    @Test
    void rmFalseKeepsIntermediateContainersAndForceRmRemovesThemOnFailure() throws IOException {
        Path dir = context("rm", "FROM busybox\nENV A=1\nRUN echo kept\n");
        var kept = ok(build(dir, "--no-cache --rm=false -t rm:1"));
        assertThat(kept.stdout()).doesNotContain("Removing intermediate container");
        List<String> left = List.of(d.ok("ps", "-a", "-q").split("\\s+"));
        assertThat(left).hasSize(2);
        d.ok("rm", "-f", left.get(0), left.get(1));

        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN exit 2\n");
        var failed = build(dir, "--rm=false");
        assertThat(failed.exitCode()).isEqualTo(2);
        String failedContainers = d.ok("ps", "-a", "-q");
        assertThat(failedContainers).isNotEmpty();
        d.ok("rm", "-f", failedContainers);
        var forced = build(dir, "--rm=false --force-rm");
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
    }

    @Test
    void quietLabelsAndSeveralTags() throws IOException {
        Path dir = context("quiet", "FROM busybox\nLABEL mine=1\nRUN echo noisy\n");
        var quiet = ok(build(dir, "-q --label b=2 --label a=1 -t one:1 -t two:2"));
        assertThat(quiet.stdout().strip()).matches("sha256:[0-9a-f]{64}");
        String id = quiet.stdout().strip();
        assertThat(d.ok("inspect", "--format", "{{.Id}}", "one:1")).isEqualTo(id);
        assertThat(d.ok("inspect", "--format", "{{.Id}}", "two:2")).isEqualTo(id);
        assertThat(d.ok("inspect", "--format", "{{json .Config.Labels}}", "one:1"))
                .isEqualTo("{\"a\":\"1\",\"b\":\"2\",\"mine\":\"1\"}");
        var loud = ok(build(dir, "--label b=2 --label a=1"));
        assertThat(loud.stdout()).contains("Step 4/5 : LABEL a=1", "Step 5/5 : LABEL b=2", "Successfully built " + id.substring(7, 19));
    }

    @Test
    void addFromAUrlIsNamedFromItsPathKeptPackedAndDatedByLastModified() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().endsWith(".tar.gz")
                    ? new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}
                    : "served\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";
            Path dir = context("url", "FROM busybox\nADD " + base + "hello.txt /dl/\nADD " + base + "a.tar.gz /dl/\n"
                    + "ADD " + base + "hello.txt /named.txt\n");
            ok(build(dir, "-t url:1"));
            assertThat(d.ok("run", "--rm", "url:1", "cat", "/dl/hello.txt", "/named.txt")).isEqualTo("served\nserved");
            assertThat(d.ok("run", "--rm", "url:1", "stat", "-c", "%a %Y", "/dl/hello.txt", "/dl/a.tar.gz"))
                    .isEqualTo("600 1445412480\n600 1445412480");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void chownTakesUserAndGroupNamesFromTheImage() throws IOException {
        Path dir = context("chown", "FROM busybox\nCOPY --chown=nobody:nogroup data.txt /owned\n"
                + "COPY --chown=nobody data.txt /nogroup\n");
        var r = build(dir, "-t chown:1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("can't find gid for group nobody: no such group: nobody");
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY --chown=nobody:nogroup --chmod=640 data.txt /owned\n");
        ok(build(dir, "-t chown:1"));
        assertThat(d.ok("run", "--rm", "chown:1", "stat", "-c", "%u %g %a", "/owned")).isEqualTo("65534 65534 640");
    }

    @Test
    void cacheFromImagesServeStepsAfterTheCacheIsGone() throws IOException {
        Path dir = context("cachefrom", "FROM busybox\nENV A=1\nCOPY data.txt /\nRUN echo ran > /ran\nCMD [\"cat\", \"/ran\"]\n");
        ok(build(dir, "-t src:1"));
        Path saved = d.barged().dir().resolve("src.tar");
        d.ok("save", "-o", saved.toString(), "src:1");
        d.ok("rmi", "src:1");
        var pruned = d.shell("DOCKER_BUILDKIT=0 docker builder prune -af", BUILD_TIMEOUT);
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.stdout()).contains("Total reclaimed space:");
        d.ok("load", "-i", saved.toString());
        var withoutCache = ok(build(dir, "-t again:0"));
        assertThat(withoutCache.stdout()).doesNotContain("Using cache");
        d.ok("rmi", "again:0");
        var r = ok(build(dir, "--cache-from src:1 -t again:1"));
        assertThat(r.stdout().split(" ---> Using cache", -1)).as(r.toString()).hasSize(5);
        assertThat(r.stdout()).doesNotContain("Running in");
        assertThat(d.ok("inspect", "--format", "{{.Id}}", "again:1")).isEqualTo(d.ok("inspect", "--format", "{{.Id}}", "src:1"));
    }

    @Test
    void copyDestinationsFollowDockersRules() throws IOException {
        Path dir = context("dest", "FROM busybox\nWORKDIR /app\nCOPY data.txt .\nCOPY data.txt Dockerfile /both/\n");
        ok(build(dir, "-t dest:1"));
        assertThat(d.ok("run", "--rm", "dest:1", "ls", "/app", "/both")).isEqualTo("/app:\ndata.txt\n\n/both:\nDockerfile\ndata.txt");
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nCOPY data.txt Dockerfile /notadir\n");
        var r = build(dir, "");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("When using COPY with more than one source file, the destination must be a "
                + "directory and end with a /");
    }
}
