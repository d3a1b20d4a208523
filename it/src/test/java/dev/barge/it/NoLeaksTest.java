package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many {@code run --rm} cycles leave nothing behind: mounts, cgroups, conmon processes, files,
 * barged's fds. Cycles: {@code -Dbarge.it.leakCycles} (200 by default).
 */
@Timeout(600)
class NoLeaksTest {
    private static final int CYCLES = Integer.getInteger("barge.it.leakCycles", 200);

    @Test
    void runRemoveCyclesLeaveNothingBehind() throws Exception {
        try (ContainerDaemon d = ContainerDaemon.start()) {
            Path cids = Files.createDirectory(d.barged().dir().resolve("cids"));
            cycles(d, cids, "warm", 3); // lazily made directories and pooled fds exist from here on
            Snapshot before = Snapshot.of(d);

            long t0 = System.nanoTime();
            cycles(d, cids, "c", CYCLES);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%d run --rm cycles in %d ms (%d ms each)%n", CYCLES, ms, ms / CYCLES);

            Snapshot after = Snapshot.of(d);
            assertThat(after.mounts()).isEqualTo(before.mounts());
            assertThat(after.conmons()).isEqualTo(before.conmons());
            assertThat(after.execRootFiles()).isEqualTo(before.execRootFiles());
            assertThat(after.containerFiles()).isEqualTo(before.containerFiles());
            assertThat(after.fds()).as("barged's open fds").isLessThanOrEqualTo(before.fds() + 8);
            List<String> ids = new ArrayList<>();
            try (Stream<Path> files = Files.list(cids)) {
                for (Path f : files.toList()) {
                    ids.add(Files.readString(f).trim());
                }
            }
            assertThat(ids).hasSize(CYCLES + 3);
            assertThat(cgroupsOf(ids)).as("cgroup directories of removed containers").isEmpty();
            assertThat(d.ok("ps", "-aq")).isEmpty();
        }
    }

    private static void cycles(ContainerDaemon d, Path cids, String prefix, int n) {
        var r = d.shell("for i in $(seq " + n + "); do docker run --rm --cidfile " + cids + "/" + prefix
                + "$i busybox true || exit 1; done", Duration.ofSeconds(10L + 3L * n));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** Directories named after these containers in any cgroup hierarchy (v1 controllers or v2). */
    private static List<String> cgroupsOf(List<String> ids) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                for (String id : ids) {
                    for (Path p : List.of(h.resolve("barge").resolve(id), h.resolve("barge-" + id + ".scope"))) {
                        if (Files.exists(p)) {
                            found.add(p.toString());
                        }
                    }
                }
            }
        }
        return found;
    }

    record Snapshot(List<String> mounts, List<Long> conmons, long execRootFiles, long containerFiles, long fds) {
        static Snapshot of(ContainerDaemon d) throws IOException {
            return new Snapshot(d.mounts(), d.conmons(), count(d.barged().execRoot()),
                    count(d.barged().dataRoot().resolve("containers")),
                    count(Path.of("/proc", String.valueOf(d.barged().process().pid()), "fd")));
        }

        private static long count(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.count();
            }
        }
    }
}
