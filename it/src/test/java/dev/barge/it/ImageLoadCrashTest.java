package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -9} of barged in the middle of loading a ~100 MB image, then a restart on the
 * same root: no half image is listed, nothing is left in scratch space, pruning everything
 * leaves no orphaned blob or layer, and loading the same archive again succeeds.
 */
@Timeout(120)
class ImageLoadCrashTest extends BargedPerClass {
    private static final long MB = 1024 * 1024;
    private static Path big;
    private static String busybox;

    @BeforeAll
    static void start() throws IOException {
        big = ImageArchives.big(100);
        busybox = loadBusybox();
    }

    @Test
    void aKillWhileTheArchiveIsArrivingLeavesNoTrace() throws Exception {
        StoreView store = StoreView.of(barged);
        // slowed down so that the kill lands while the upload is in scratch space
        crashDuring(List.of("--limit-rate", "40M"), () -> store.tmpBytes() > 20 * MB);
        assertConsistentAfterRestart();
    }

    @Test
    void aKillWhileLayersAreUnpackedLeavesNoTrace() throws Exception {
        StoreView store = StoreView.of(barged);
        crashDuring(List.of(), () -> store.leftovers().stream().anyMatch(l -> l.startsWith("overlay2/") || l.startsWith("blobs/")));
        assertConsistentAfterRestart();
    }

    private static void crashDuring(List<String> curlOptions, BooleanSupplier midLoad) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "--max-time", "60",
                "--unix-socket", barged.socket().toString(), "-X", "POST", "-H", "Content-Type: application/x-tar"));
        cmd.addAll(curlOptions);
        cmd.addAll(List.of("-T", big.toString(), "http://d/v1.50/images/load?quiet=1"));
        Process upload = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!midLoad.getAsBoolean()) {
                assertThat(upload.isAlive()).as("the load finished before the kill: make the image bigger").isTrue();
                assertThat(System.nanoTime()).as("the load did not start").isLessThan(deadline);
                Thread.sleep(1);
            }
            barged.kill9();
        } finally {
            upload.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void assertConsistentAfterRestart() throws Exception {
        barged.restart();
        StoreView store = StoreView.of(barged);
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout()))
                .as("no half image").containsExactly(busybox);
        assertThat(store.leftovers()).isEmpty();

        var pruned = barged.docker("image", "prune", "-a", "-f");
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(store.blobNames()).as("orphaned blobs").isEmpty();
        assertThat(store.layerDirs()).as("orphaned layers").isEmpty();

        var load = barged.docker("load", "-i", big.toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.stdout()).isEqualTo("Loaded image: bench-big:latest\n");
        assertThat(barged.docker("history", "-q", "bench-big").stdout()).isNotEmpty();
        // back to the state the next test expects
        assertThat(barged.docker("rmi", "bench-big").exitCode()).isZero();
        assertThat(barged.docker("load", "-i", ImageArchives.busybox("busybox:latest").toString()).exitCode()).isZero();
    }
}
