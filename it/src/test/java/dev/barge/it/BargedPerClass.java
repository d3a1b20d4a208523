package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real barged for all tests of a class (classes run one after another): started before a
 * subclass's own {@code @BeforeAll}, killed and its directories deleted after the class.
 */
abstract class BargedPerClass {
    static Barged barged;

    @BeforeAll
    static void startBarged() throws IOException {
        barged = Barged.start();
    }

    /** Loads the busybox fixture into this class's barged; returns its image ID. */
    static String loadBusybox() {
        Path archive = ImageArchives.busybox("busybox:latest");
        var r = barged.docker("load", "-i", archive.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return ImageArchives.idOf(archive);
    }

    @AfterAll
    static void stopBarged() {
        if (barged != null) {
            barged.close();
            barged = null;
        }
    }
}
