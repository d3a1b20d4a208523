package dev.barge.it;

import static dev.barge.it.ContainerDaemon.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Containers outlive a crashed barged and are found as they are when it comes back. */
@Timeout(120)
class LiveRestoreTest {
    @Test
    void afterKill9ContainersRunOnWithTheirPidsLogsAndExitCodes() throws Exception {
        try (ContainerDaemon d = ContainerDaemon.start()) {
            d.ok("run", "-d", "--name", "sleeper", "busybox", "sleep", "1000");
            d.ok("run", "-d", "--name", "busy", "busybox", "sh", "-c", "yes > /dev/null");
            d.ok("run", "-d", "--name", "ticker", "busybox", "sh", "-c", "while true; do echo tick; sleep 0.2; done");
            d.ok("run", "-d", "--name", "short", "busybox", "sh", "-c", "sleep 2; exit 7");
            Map<String, String> pids = Map.of("sleeper", pid(d, "sleeper"), "busy", pid(d, "busy"), "ticker", pid(d, "ticker"));
            long ticksBefore = d.ok("logs", "ticker").lines().count();

            d.barged().kill9();
            Thread.sleep(3000); // "short" exits while nobody watches
            d.barged().restart();

            for (var e : pids.entrySet()) {
                assertThat(d.ok("inspect", "-f", "{{.State.Status}} {{.State.Pid}}", e.getKey()))
                        .as(e.getKey()).isEqualTo("running " + e.getValue());
                assertThat(ProcessHandle.of(Long.parseLong(e.getValue()))).as(e.getKey()).isPresent();
            }
            assertThat(d.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "short")).isEqualTo("exited 7");
            assertThat(d.ok("ps", "--format", "{{.Names}}").lines()).containsExactlyInAnyOrder("sleeper", "busy", "ticker");
            long afterRestart = d.ok("logs", "ticker").lines().count();
            assertThat(afterRestart).isGreaterThan(ticksBefore + 10);
            assertThat(eventually(Duration.ofSeconds(5), () -> d.ok("logs", "ticker").lines().count() > afterRestart))
                    .as("new ticks after the restart").isTrue();

            d.ok("stop", "-t", "1", "sleeper", "busy", "ticker");
            assertThat(d.ok("ps", "-q")).isEmpty();
            assertThat(ProcessHandle.of(Long.parseLong(pids.get("busy"))).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(d.ok("wait", "ticker")).as("sh as PID 1 ignores TERM: killed").isEqualTo("137");
        }
    }

    private static String pid(ContainerDaemon d, String name) {
        return d.ok("inspect", "-f", "{{.State.Pid}}", name);
    }
}
