package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Loads the busybox image (built by {@code scripts/make-busybox-image}) into a test daemon. */
final class Busybox {
    private Busybox() {}

    static void load(Barged b) throws IOException {
        Path tar = b.dir().resolve("busybox.tar");
        Barged.Result made = b.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(),
                tar.toString()), Duration.ofSeconds(120));
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Barged.Result loaded = b.docker("load", "-i", tar.toString());
        assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
        Files.deleteIfExists(tar);
    }
}
