package dev.barge.it;

import static dev.barge.it.ContainerDaemon.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Running, streaming, signalling and listing containers with the real docker CLI. */
@Timeout(60)
class ContainerLifecycleTest {
    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    @Test
    void runRemoveEchoesHi() {
        assertThat(d.ok("run", "--rm", "busybox", "echo", "hi")).isEqualTo("hi");
    }

    @Test
    void logsFollowEndsWhenTheContainerExitsAndTailTimestampsSinceSelect() {
        d.ok("run", "-d", "--name", "logs1", "busybox", "sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.3; done");
        assertThat(d.ok("logs", "-f", "logs1")).isEqualTo("line1\nline2\nline3");
        assertThat(d.ok("logs", "--tail", "1", "logs1")).isEqualTo("line3");
        assertThat(d.ok("logs", "-t", "logs1").lines().toList()).hasSize(3)
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z line\\d"));
        assertThat(d.ok("logs", "--since", "10m", "logs1")).contains("line1");
        assertThat(d.ok("logs", "--since", String.valueOf(Instant.now().getEpochSecond() + 5), "logs1")).isEmpty();
    }

    @Test
    void logsKeepEarlierRunsAndTailCountsAcrossThem() {
        d.ok("run", "--name", "twice", "busybox", "sh", "-c", "echo run; printf part");
        assertThat(d.ok("start", "-a", "twice")).isEqualTo("run\npart");
        assertThat(d.ok("logs", "twice")).isEqualTo("run\npartrun\npart");
        assertThat(d.ok("logs", "--tail", "2", "twice")).isEqualTo("run\npart");
        d.ok("rm", "twice");
    }

    @Test
    void stdinPipesThroughRunAndExec() throws IOException {
        var r = d.shell("echo x | docker run -i --rm busybox cat", Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("x\n");
        d.ok("run", "-d", "--name", "exec1", "busybox", "sleep", "100");
        Path file = Files.writeString(d.barged().dir().resolve("in.txt"), "a\nb\n");
        var e = d.shell("docker exec -i exec1 cat < " + file, Duration.ofSeconds(30));
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(e.stdout()).isEqualTo("a\nb\n");
        d.ok("rm", "-f", "exec1");
    }

    /**
     * Regression for flaky exec: several {@code docker exec -i} at once, each must see its own
     * input and EOF and report its own exit code (execs waiting on conmon once starved the
     * daemon's virtual threads, and a cleanup race lost exit codes, reported as 0).
     */
    @Test
    @Timeout(120)
    void concurrentExecsWithStdinGetTheirOwnOutputAndExitCode() throws Exception {
        d.ok("run", "-d", "--name", "execmany", "busybox", "sleep", "300");
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            List<java.util.concurrent.Future<Barged.Result>> runs = new java.util.ArrayList<>();
            for (int code = 1; code <= 6; code++) {
                Path file = Files.writeString(d.barged().dir().resolve("in" + code + ".txt"), "in" + code + "\n");
                String script = "docker exec -i execmany sh -c 'cat; exit " + code + "' < " + file;
                runs.add(threads.submit(() -> d.shell(script, Duration.ofSeconds(60))));
            }
            for (int code = 1; code <= 6; code++) {
                Barged.Result r = runs.get(code - 1).get(90, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(code);
                assertThat(r.stdout()).as(r.toString()).isEqualTo("in" + code + "\n");
            }
        } finally {
            d.docker("rm", "-f", "execmany");
        }
    }

    @Test
    void stopOfAShellIgnoringTermWaitsTheTimeoutThenKills() {
        d.ok("run", "-d", "--name", "stubborn", "busybox", "sh", "-c", "trap '' TERM; while true; do sleep 1; done");
        long t0 = System.nanoTime();
        d.ok("stop", "-t", "2", "stubborn");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1900L, 6000L);
        assertThat(d.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "stubborn")).isEqualTo("exited 137");
        assertThat(d.docker("stop", "stubborn").exitCode()).as("stop of a stopped container: 304, no error").isZero();
        d.ok("rm", "stubborn");
    }

    @Test
    void killDeliversTheSignalGiven() {
        d.ok("run", "-d", "--name", "usr1", "busybox", "sh", "-c", "trap 'echo got-usr1' USR1; while true; do sleep 0.2; done");
        assertThat(eventually(Duration.ofSeconds(5), () -> d.docker("top", "usr1").stdout().contains("sleep"))).isTrue();
        d.ok("kill", "-s", "USR1", "usr1");
        assertThat(eventually(Duration.ofSeconds(5), () -> d.ok("logs", "usr1").contains("got-usr1"))).isTrue();
        assertThat(d.ok("inspect", "-f", "{{.State.Running}}", "usr1")).isEqualTo("true");
        d.ok("rm", "-f", "usr1");
    }

    @Test
    void onFailureTwoRestartsTwiceThenStaysExited() {
        d.ok("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3");
        assertThat(eventually(Duration.ofSeconds(20), () -> d.ok("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "flaky")
                .equals("2 exited"))).as(d.ok("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "flaky")).isTrue();
        assertThat(d.ok("inspect", "-f", "{{.State.ExitCode}}", "flaky")).isEqualTo("3");
        d.ok("rm", "flaky");
    }

    @Test
    void waitReturnsTheExitCode() {
        d.ok("run", "-d", "--name", "five", "busybox", "sh", "-c", "sleep 0.3; exit 5");
        assertThat(d.ok("wait", "five")).isEqualTo("5");
        assertThat(d.ok("wait", "five")).as("wait on an exited container").isEqualTo("5");
        d.ok("rm", "five");
    }

    @Test
    void topListsTheProcesses() {
        d.ok("run", "-d", "--name", "top1", "busybox", "sleep", "77");
        String top = d.ok("top", "top1");
        assertThat(top).startsWith("UID").contains("PID").contains("sleep 77");
        assertThat(d.ok("top", "top1", "-o", "pid,comm")).contains("sleep");
        d.ok("rm", "-f", "top1");
    }

    @Test
    void pauseFreezesAndUnpauseResumes() throws Exception {
        d.ok("run", "-d", "--name", "counter", "busybox", "sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /tmp/n.new; mv /tmp/n.new /tmp/n; sleep 0.1; done");
        assertThat(eventually(Duration.ofSeconds(5), () -> count("counter") > 2)).isTrue();
        d.ok("pause", "counter");
        assertThat(d.ok("ps", "--filter", "name=counter", "--format", "{{.Status}}")).endsWith("(Paused)");
        assertThat(d.ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "counter")).isEqualTo("paused true");
        long frozen = Long.parseLong(Files.readString(upperFile("counter")).trim());
        Thread.sleep(600);
        assertThat(Long.parseLong(Files.readString(upperFile("counter")).trim())).isEqualTo(frozen);
        d.ok("unpause", "counter");
        assertThat(eventually(Duration.ofSeconds(5), () -> count("counter") > frozen + 2)).isTrue();
        d.ok("rm", "-f", "counter");
    }

    private long count(String name) {
        var r = d.docker("exec", name, "cat", "/tmp/n");
        return r.ok() && !r.stdout().isBlank() ? Long.parseLong(r.stdout().trim()) : -1;
    }

    /** The counter file read from the host through /proc (an exec cannot run in a frozen container). */
    private Path upperFile(String name) {
        return Path.of("/proc", d.ok("inspect", "-f", "{{.State.Pid}}", name), "root/tmp/n");
    }

    @Test
    void psFiltersAndFormats() {
        d.ok("run", "-d", "--name", "ps-a", "--label", "tier=web", "busybox", "sleep", "100");
        assertThat(d.docker("run", "--name", "ps-b", "busybox", "sh", "-c", "exit 4").exitCode()).isEqualTo(4);
        d.ok("run", "-d", "--name", "ps-c", "busybox", "sleep", "100");
        String idA = d.ok("inspect", "-f", "{{.Id}}", "ps-a");
        assertThat(d.ok("ps", "--filter", "name=ps-", "--format", "{{.Names}}").lines()).containsExactly("ps-c", "ps-a");
        assertThat(d.ok("ps", "-a", "--filter", "name=ps-", "--format", "{{.Names}}").lines()).containsExactly("ps-c", "ps-b", "ps-a");
        assertThat(d.ok("ps", "-a", "--filter", "status=exited", "--filter", "name=ps-", "--format", "{{.Names}}")).isEqualTo("ps-b");
        assertThat(d.ok("ps", "-a", "--filter", "exited=4", "--format", "{{.Names}}")).isEqualTo("ps-b");
        assertThat(d.ok("ps", "--filter", "label=tier=web", "--format", "{{.Names}}")).isEqualTo("ps-a");
        assertThat(d.ok("ps", "--filter", "ancestor=busybox", "--filter", "name=ps-", "--format", "{{.Names}}").lines()).contains("ps-a", "ps-c");
        assertThat(d.ok("ps", "-q", "--filter", "id=" + idA.substring(0, 12))).isEqualTo(idA.substring(0, 12));
        assertThat(d.ok("ps", "-aq", "--no-trunc", "--filter", "name=ps-a")).isEqualTo(idA);
        assertThat(d.ok("ps", "-a", "--filter", "before=ps-b", "--filter", "name=ps-", "--format", "{{.Names}}")).isEqualTo("ps-a");
        assertThat(d.ok("ps", "-a", "--filter", "since=ps-b", "--filter", "name=ps-", "--format", "{{.Names}}")).isEqualTo("ps-c");
        assertThat(d.ok("ps", "-n", "2", "--format", "{{.Names}}").lines()).hasSize(2).first().isEqualTo("ps-c");
        assertThat(d.ok("ps", "--filter", "name=ps-a", "--format", "{{.Names}}|{{.Image}}|{{.Command}}|{{.Label \"tier\"}}"))
                .isEqualTo("ps-a|busybox|\"sleep 100\"|web");
        assertThat(d.ok("ps", "-a", "--filter", "name=ps-b")).startsWith("CONTAINER ID").contains("Exited (4)");
        d.ok("rm", "-f", "ps-a", "ps-b", "ps-c");
    }

    @Test
    void removeForceStopsARunningContainer() {
        d.ok("run", "-d", "--name", "doomed", "busybox", "sleep", "100");
        d.ok("rm", "-f", "doomed");
        assertThat(d.docker("inspect", "doomed").exitCode()).isEqualTo(1);
    }

    @Test
    void renameUpdateAndPrune() {
        d.ok("run", "--name", "old-name", "busybox", "true");
        d.ok("rename", "old-name", "new-name");
        assertThat(d.ok("inspect", "-f", "{{.Name}}", "new-name")).isEqualTo("/new-name");
        d.ok("update", "--restart", "unless-stopped", "new-name");
        assertThat(d.ok("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", "new-name")).isEqualTo("unless-stopped");
        d.ok("run", "-d", "--name", "survivor", "busybox", "sleep", "100");
        String renamedId = d.ok("inspect", "-f", "{{.Id}}", "new-name");
        String pruned = d.ok("container", "prune", "-f");
        assertThat(pruned).contains("Deleted Containers:").contains(renamedId)
                .doesNotContain(d.ok("inspect", "-f", "{{.Id}}", "survivor"));
        assertThat(d.docker("inspect", "new-name").exitCode()).isEqualTo(1);
        assertThat(d.ok("inspect", "-f", "{{.State.Running}}", "survivor")).isEqualTo("true");
        d.ok("rm", "-f", "survivor");
    }

    @Test
    void inspectShowsTheState() {
        assertThat(d.docker("run", "--name", "insp", "busybox", "sh", "-c", "exit 2").exitCode()).isEqualTo(2);
        String state = d.ok("inspect", "-f",
                "{{.State.Status}} {{.State.Running}} {{.State.Paused}} {{.State.Restarting}} {{.State.OOMKilled}} "
                        + "{{.State.Dead}} {{.State.Pid}} {{.State.ExitCode}} [{{.State.Error}}]", "insp");
        assertThat(state).isEqualTo("exited false false false false false 0 2 []");
        assertThat(d.ok("inspect", "-f", "{{.State.StartedAt}} {{.State.FinishedAt}}", "insp"))
                .matches("20\\d\\d-\\S+Z 20\\d\\d-\\S+Z");
        assertThat(d.ok("inspect", "-f", "{{.Path}} {{json .Args}} {{.Driver}} {{.Platform}} {{.RestartCount}}", "insp"))
                .isEqualTo("sh [\"-c\",\"exit 2\"] overlay2 linux 0");
        d.ok("run", "-d", "--name", "insp-run", "busybox", "sleep", "100");
        assertThat(Long.parseLong(d.ok("inspect", "-f", "{{.State.Pid}}", "insp-run"))).isPositive();
        d.ok("rm", "-f", "insp", "insp-run");
    }

    @Test
    void eventsOfARun() {
        long since = Instant.now().getEpochSecond() - 1;
        assertThat(d.docker("run", "--rm", "--name", "evented", "busybox", "sh", "-c", "exit 3").exitCode()).isEqualTo(3);
        assertThat(eventually(Duration.ofSeconds(5), () -> events(since).contains("destroy"))).isTrue();
        List<String> lines = events(since).lines().toList();
        assertThat(lines).containsSubsequence("create evented", "attach evented", "start evented",
                "die evented exitCode=3", "destroy evented");
    }

    private String events(long since) {
        return d.ok("events", "--since", String.valueOf(since), "--until", String.valueOf(Instant.now().getEpochSecond() + 1),
                "--filter", "type=container", "--filter", "container=evented",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}{{with .Actor.Attributes.exitCode}} exitCode={{.}}{{end}}");
    }
}
