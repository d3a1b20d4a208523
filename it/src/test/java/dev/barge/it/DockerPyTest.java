package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-py (Debian's python3-docker, the Docker SDK for Python) against a real barged: the
 * Python suite {@code it/src/test/python/test_dockerpy.py}, one of its test classes per case, so a
 * failure names the area. The suite cleans up what it creates.
 */
@Timeout(600)
class DockerPyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Barged barged;
    private static Path busybox;

    @BeforeAll
    static void start() throws IOException {
        Barged.assumeUsable();
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/docker")),
                "python3-docker is not installed");
        barged = Barged.start();
        busybox = ImageArchives.busybox("busybox:latest");
        var load = barged.docker("load", "-i", busybox.toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SystemTest", "ImageTest", "ContainerTest", "NetworkTest", "VolumeTest",
        "HostConfigFieldsTest"})
    void dockerPySuite(String testCase) {
        Path dir = Barged.repoRoot().resolve("it/src/test/python");
        var r = barged.exec(List.of("env", "PYTHONPATH=" + dir, "BUSYBOX_TAR=" + busybox, PYTHON.toString(),
                "-W", "ignore", "-m", "unittest", "-v", "test_dockerpy." + testCase), Duration.ofSeconds(540));
        assertThat(r.exitCode()).as(r.stderr() + "\n--- barged log tail ---\n" + tail(barged.logs())).isZero();
        assertThat(r.stderr()).contains("OK");
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
