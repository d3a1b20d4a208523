package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.registry.RegistryServer;
import dev.barge.registry.ServerConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of barged in the middle of pulling a two-layer ~100 MB image from a registry
 * on loopback, then a restart on the same root: no half image is listed, no download or unpack
 * is left behind, the same pull completes and the image runs, and pruning everything leaves no
 * orphaned blob or layer.
 */
@Timeout(240)
class PullCrashTest extends BargedPerClass {
    private static RegistryServer registry;
    private static String busybox;
    private static String image;

    @BeforeAll
    static void pushBigImage() throws Exception {
        busybox = loadBusybox();
        registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", barged.dir().resolve("registry")));
        image = "127.0.0.1:" + registry.port() + "/crash/big:latest";
        Path big = ImageArchives.big(100);
        ok(barged.docker("load", "-i", big.toString()));
        ok(barged.docker("tag", "bench-big:latest", image));
        ok(barged.exec(List.of("docker", "push", image), java.time.Duration.ofSeconds(120)));
        ok(barged.docker("rmi", "bench-big:latest", image));
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout())).containsExactly(busybox);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private static void ok(Barged.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void aKillMidPullLeavesNoHalfImageAndTheNextPullCompletes() throws Exception {
        StoreView store = StoreView.of(barged);
        ProcessBuilder pb = new ProcessBuilder("docker", "pull", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("DOCKER_HOST", "unix://" + barged.socket());
        pb.environment().put("DOCKER_CONFIG", barged.dir().resolve("docker-config").toString());
        Process pull = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // mid-way: the big layer is being downloaded and unpacked (an ingest or unpack dir exists)
            while (store.leftovers().stream().noneMatch(l -> l.startsWith("overlay2/") || l.startsWith("blobs/"))
                    || !unpackedMegabytes(store, 10)) {
                assertThat(pull.isAlive()).as("the pull finished before the kill: make the image bigger").isTrue();
                assertThat(System.nanoTime()).as("the pull did not start").isLessThan(deadline);
                Thread.sleep(1);
            }
            barged.kill9();
        } finally {
            pull.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        barged.restart();
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout()))
                .as("no half image").containsExactly(busybox);
        assertThat(store.leftovers()).as("downloads and unpacks left behind").isEmpty();

        var again = barged.exec(List.of("docker", "pull", image), java.time.Duration.ofSeconds(120));
        ok(again);
        assertThat(again.stdout()).contains("Status: Downloaded newer image for " + image);
        var run = barged.docker("run", "--rm", image, "sh", "-c", "ls /data | wc -l");
        ok(run);
        assertThat(run.stdout().trim()).isEqualTo("10");

        ok(barged.docker("rmi", image));
        ok(barged.docker("image", "prune", "-a", "-f"));
        assertThat(store.blobNames()).as("orphaned blobs").isEmpty();
        assertThat(store.layerDirs()).as("orphaned layers").isEmpty();
        assertThat(store.leftovers()).isEmpty();
    }

    /** True once the unpack dirs under overlay2 hold at least this many MB (the big layer is arriving). */
    private static boolean unpackedMegabytes(StoreView store, long mb) {
        try (var files = Files.walk(store.root().resolve("overlay2"))) {
            return files.filter(p -> p.toString().contains("/tmp-") && Files.isRegularFile(p))
                    .mapToLong(p -> p.toFile().length()).sum() >= mb << 20;
        } catch (Exception e) {
            return false; // a directory vanished while we walked
        }
    }
}
