package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The build cache lives under the data root: a restarted barged still has it, and builder prune clears it. */
@Timeout(240)
class BuildCacheRestartTest {
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aRestartedDaemonKeepsTheBuildCacheAndPruneClearsIt() throws Exception {
        try (ContainerDaemon d = ContainerDaemon.start()) {
            Path dir = d.barged().dir().resolve("ctx-restart");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("data.txt"), "x\n");
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nENV A=1\nCOPY data.txt /\nRUN echo y > /y\n"
                    + "CMD [\"cat\", \"/y\"]\n");
            String build = "cd " + dir + " && DOCKER_BUILDKIT=0 docker build -t cached:1 .";
            var first = d.shell(build, BUILD_TIMEOUT);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(Files.exists(d.barged().dataRoot().resolve("builder/cache.json"))).isTrue();

            d.barged().restart();
            var again = d.shell(build, BUILD_TIMEOUT);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout().split(" ---> Using cache", -1)).as(again.toString()).hasSize(5);

            var prune = d.barged().curl("-s", "-X", "POST", "http://d/v1.41/build/prune?all=1");
            assertThat(prune.stdout()).contains("\"CachesDeleted\":[", "\"SpaceReclaimed\":");
            var cold = d.shell(build, BUILD_TIMEOUT);
            assertThat(cold.exitCode()).as(cold.toString()).isZero();
            assertThat(cold.stdout()).doesNotContain("Using cache");
        }
    }
}
