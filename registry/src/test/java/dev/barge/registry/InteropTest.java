package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.core.Digest;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.image.PlatformSpec;
import dev.barge.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers no one here wrote: Debian's {@code skopeo} as a client of our registry, and Debian's
 * {@code docker-registry} (CNCF distribution) as the server for our client. Skipped when the
 * packages are not installed ({@code apt-get install skopeo docker-registry}).
 */
class InteropTest {
    @TempDir
    Path dir;
    final RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));

    static boolean installed(String binary) {
        return Files.isExecutable(Path.of("/usr/bin", binary));
    }

    Path busybox() throws Exception {
        Path out = dir.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", out.toString(), "busybox:latest")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }

    static List<String> skopeo(String... args) {
        List<String> c = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        c.addAll(List.of(args));
        return c;
    }

    @Test
    void skopeoCopiesToAndFromOurRegistry() throws Exception {
        assumeTrue(installed("skopeo"), "skopeo not installed");
        Path archive = busybox();
        try (RegistryServer server = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("ours")))) {
            String h = "127.0.0.1:" + server.port();
            run(skopeo("copy", "--dest-tls-verify=false", "docker-archive:" + archive, "docker://" + h + "/sk/busybox:latest"));
            String inspect = run(skopeo("inspect", "--tls-verify=false", "docker://" + h + "/sk/busybox:latest"));
            assertThat(inspect).contains("\"Architecture\": \"amd64\"");
            run(skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + h + "/sk/busybox:latest", "docker://" + h + "/sk/other:v2"));
            String tags = run(skopeo("list-tags", "--tls-verify=false", "docker://" + h + "/sk/other"));
            assertThat(tags).contains("\"v2\"");
            run(skopeo("copy", "--src-tls-verify=false", "docker://" + h + "/sk/other:v2", "oci:" + dir.resolve("layout") + ":v2"));
            assertThat(dir.resolve("layout/index.json")).exists();
            run(skopeo("delete", "--tls-verify=false", "docker://" + h + "/sk/other:v2"));
            assertThat(run(skopeo("list-tags", "--tls-verify=false", "docker://" + h + "/sk/other"))).doesNotContain("\"v2\"");

            // and what skopeo pushed, our client pulls
            try (Store store = Store.open(dir.resolve("store"))) {
                ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
                Digest id = new ImagePuller(images, store, client, new EventBus(), 3)
                        .pull(h + "/sk/busybox:latest", PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
                assertThat(images.resolve(h + "/sk/busybox").id()).isEqualTo(id);
            }
        }
    }

    @Test
    void aPulledDockerSchema2ImageIsSavedWithItsMediaTypeAndReloadsWithTheSameIdAndRepoDigest() throws Exception {
        assumeTrue(installed("skopeo"), "skopeo not installed");
        Path archive = busybox();
        try (RegistryServer server = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("ours")));
             Store store = Store.open(dir.resolve("store"))) {
            String h = "127.0.0.1:" + server.port();
            run(skopeo("copy", "--format", "v2s2", "--dest-tls-verify=false", "docker-archive:" + archive, "docker://" + h + "/v2s2/busybox:latest"));
            ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
            Digest id = new ImagePuller(images, store, client, new EventBus(), 3)
                    .pull(h + "/v2s2/busybox:latest", PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
            var pulled = images.resolve(h + "/v2s2/busybox:latest");
            assertThat(pulled.digests()).hasSize(1);

            Path saved = dir.resolve("saved.tar");
            try (var out = Files.newOutputStream(saved)) {
                images.save(List.of(h + "/v2s2/busybox:latest"), out);
            }
            String index = run(List.of("tar", "-xOf", saved.toString(), "index.json"));
            assertThat(index).contains("\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"")
                    .doesNotContain("application/vnd.oci.image.manifest.v1+json");

            try (Store fresh = Store.open(dir.resolve("fresh"))) {
                ImageService other = new ImageService(fresh, new EventBus(), ImageUsage.NONE);
                try (var in = Files.newInputStream(saved)) {
                    assertThat(other.load(in, true, m -> { })).containsExactly("Loaded image: " + h + "/v2s2/busybox:latest");
                }
                var reloaded = other.resolve(h + "/v2s2/busybox:latest");
                assertThat(reloaded.id()).isEqualTo(id);
                assertThat(reloaded.digests()).isEqualTo(pulled.digests());
            }
        }
    }

    @Test
    void ourClientPushesToAndPullsFromDockerRegistry() throws Exception {
        assumeTrue(installed("docker-registry"), "docker-registry not installed");
        Path archive = busybox();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("distribution"), port));
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            String h = "127.0.0.1:" + port;
            awaitUp("http://" + h + "/v2/");
            Digest id;
            try (Store store = Store.open(dir.resolve("a"))) {
                ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
                try (InputStream in = Files.newInputStream(archive)) {
                    images.load(in, true, m -> { });
                }
                images.tag("busybox", h + "/interop/busybox", "latest");
                new ImagePusher(images, store, client, new EventBus(), 3).push(h + "/interop/busybox", "latest", Credentials.NONE, m -> { });
                id = images.resolve("busybox").id();
            }
            try (Store store = Store.open(dir.resolve("b"))) {
                ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
                Digest got = new ImagePuller(images, store, client, new EventBus(), 3)
                        .pull(h + "/interop/busybox:latest", PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
                assertThat(got).isEqualTo(id);
                assertThat(images.resolve(h + "/interop/busybox").familiarDigests()).hasSize(1);
            }
        } finally {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly();
            }
        }
    }

    static void awaitUp(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("registry did not come up at " + url);
    }
}
