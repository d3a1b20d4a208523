package dev.barge.runtime.conmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Mount;
import dev.barge.linux.Mounts;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.ProcessState;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.oci.HostFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real containers with runc under conmon: root only, skipped elsewhere. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConmonRuntimeDriverTest {
    private static Path base;
    private static Path image;
    private static Path execRoot;
    private static ConmonRuntimeDriver driver;
    private final List<String> created = new ArrayList<>();
    private final List<Path> scratch = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(RuntimeProbe.find("runc").isPresent() && RuntimeProbe.find("conmon").isPresent(), "needs runc and conmon");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox-static");
        base = Files.createTempDirectory("barge-rt");
        image = BusyboxRootfs.build(base.resolve("image"));
        execRoot = base.resolve("exec");
        driver = new ConmonRuntimeDriver(execRoot, Mounts.system(), HostFacts.probe(), Optional.of("runc"), 0);
    }

    @AfterAll
    static void tearDown() {
        if (driver != null) driver.close();
        if (base != null && !MountTable.hasMountUnder(base)) RuntimeProbe.deleteTree(base);
    }

    @BeforeEach
    void checkDriver() {
        assumeTrue(driver != null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : created) {
            try {
                if (driver.state(id).status() == ProcessState.Status.RUNNING) driver.kill(id, 9);
            } catch (BargeException ignored) {
                // already gone
            }
            waitUntil(() -> driver.state(id).status() != ProcessState.Status.RUNNING);
            try {
                driver.delete(id);
            } catch (BargeException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) throw e;
            }
        }
        for (Path dir : scratch) RuntimeProbe.deleteTree(dir);
        assertThat(MountTable.hasMountUnder(execRoot)).as("mounts left under " + execRoot).isFalse();
        waitUntil(() -> conmonsOf(execRoot).isEmpty());
        assertThat(conmonsOf(execRoot)).as("conmon processes left").isEmpty();
        for (String id : created) {
            assertThat(Path.of("/sys/fs/cgroup/memory/barge", id)).doesNotExist();
            assertThat(Path.of("/sys/fs/cgroup/pids/barge", id)).doesNotExist();
        }
    }

    static List<Long> conmonsOf(Path root) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("conmon")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(root.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private RunSpec spec(List<String> args, Function<RunSpecDraft, RunSpecDraft> tweak) throws IOException {
        String id = Long.toHexString(System.nanoTime()) + "abcdef";
        Path layer = Files.createTempDirectory(base, "layer");
        scratch.add(layer);
        Files.createDirectories(layer.resolve("upper"));
        Files.createDirectories(layer.resolve("work"));
        Mount overlay = new Mount("overlay", "overlay", "", List.of("lowerdir=" + image,
                "upperdir=" + layer.resolve("upper"), "workdir=" + layer.resolve("work")));
        RunSpecDraft draft = tweak.apply(new RunSpecDraft(id, args));
        created.add(id);
        return new RunSpec(id, List.of(overlay), List.of(),
                new RunSpec.ProcessSpec(args, List.of(), "/", draft.user, List.of(), draft.tty, draft.stdin, draft.stdinOnce, Map.of()),
                "testhost", "", new RunSpec.NetworkNamespace.Fresh(), draft.security, RunSpec.Resources.NONE,
                Map.of(), 64L << 20, draft.readonly, draft.init, Map.of(), draft.runtime);
    }

    /** The few knobs tests turn. */
    static final class RunSpecDraft {
        final String id;
        final List<String> args;
        String user = "";
        boolean tty, stdin, stdinOnce, readonly, init;
        Optional<String> runtime = Optional.empty();
        RunSpec.Security security = RunSpec.Security.DEFAULT;

        RunSpecDraft(String id, List<String> args) {
            this.id = id;
            this.args = args;
        }
    }

    private int runToExit(RunSpec spec) throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        driver.create(spec);
        driver.onExit(spec.id(), exit::complete);
        driver.start(spec.id());
        return exit.get(20, TimeUnit.SECONDS);
    }

    private String log(String id) throws IOException {
        return Files.readString(driver.logPath(id));
    }

    private static String readAll(AttachSession session, Map<Integer, ByteArrayOutputStream> streams) throws IOException {
        AttachSession.Chunk chunk;
        while ((chunk = session.read()) != null) {
            streams.computeIfAbsent(chunk.stream(), k -> new ByteArrayOutputStream()).writeBytes(chunk.data());
        }
        return streams.getOrDefault(1, new ByteArrayOutputStream()).toString(StandardCharsets.UTF_8);
    }

    @Test
    void echoWritesTheLogAndExitsZero() throws Exception {
        RunSpec spec = spec(List.of("echo", "hi"), d -> d);
        assertThat(runToExit(spec)).isZero();
        assertThat(log(spec.id())).matches("(?s)\\S+ stdout F hi\\n");
        try (var reader = new dev.barge.runtime.logs.LogReader(driver.logPath(spec.id()),
                dev.barge.runtime.logs.LogReader.Options.ALL, () -> false)) {
            assertThat(new String(reader.next().orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        }
        assertThat(driver.exitCode(spec.id())).contains(0);
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.STOPPED);
    }

    @Test
    void exitCodeIsReported() throws Exception {
        assertThat(runToExit(spec(List.of("sh", "-c", "exit 3"), d -> d))).isEqualTo(3);
    }

    @Test
    void attachReadsStdoutAndStderrApart() throws Exception {
        RunSpec spec = spec(List.of("sh", "-c", "echo out; echo err >&2"), d -> d);
        driver.create(spec);
        try (AttachSession session = driver.attach(spec.id())) {
            driver.start(spec.id());
            Map<Integer, ByteArrayOutputStream> streams = new HashMap<>();
            assertThat(readAll(session, streams)).isEqualTo("out\n");
            assertThat(streams.get(2).toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
        }
    }

    @Test
    void stdinHalfCloseEndsCat() throws Exception {
        RunSpec spec = spec(List.of("cat"), d -> { d.stdin = true; d.stdinOnce = true; return d; });
        driver.create(spec);
        try (AttachSession session = driver.attach(spec.id())) {
            driver.start(spec.id());
            session.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            session.stdin().close();
            assertThat(readAll(session, new HashMap<>())).isEqualTo("hello\n");
        }
        waitUntil(() -> driver.exitCode(spec.id()).isPresent());
        assertThat(driver.exitCode(spec.id())).contains(0);
    }

    @Test
    void ttyResizeShowsInStty() throws Exception {
        RunSpec spec = spec(List.of("sh", "-c", "sleep 1; stty size"), d -> { d.tty = true; return d; });
        driver.create(spec);
        try (AttachSession session = driver.attach(spec.id())) {
            driver.start(spec.id());
            driver.resize(spec.id(), 33, 111);
            assertThat(readAll(session, new HashMap<>())).contains("33 111");
        }
    }

    @Test
    void killSignalsTheProcess() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        driver.create(spec);
        driver.start(spec.id());
        driver.onExit(spec.id(), exit::complete);
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.RUNNING);
        assertThat(driver.state(spec.id()).pid()).isPositive();
        driver.kill(spec.id(), 9);
        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(137);
    }

    @Test
    void pauseAndResume() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.CREATED);
        driver.start(spec.id());
        driver.pause(spec.id());
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.PAUSED);
        driver.resume(spec.id());
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.RUNNING);
    }

    @Test
    void execWithoutAndWithTty() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        try (ExecSession exec = driver.exec(spec.id(), new ExecSpec("e1", List.of("sh", "-c", "echo exec-out; exit 5"),
                List.of(), "", "", false, false, false))) {
            assertThat(readAll(exec, new HashMap<>())).isEqualTo("exec-out\n");
            assertThat(exec.waitFor()).isEqualTo(5);
        }
        try (ExecSession exec = driver.exec(spec.id(), new ExecSpec("e2", List.of("sh", "-c", "sleep 1; stty size"),
                List.of(), "", "", true, true, false))) {
            exec.resize(20, 70);
            assertThat(readAll(exec, new HashMap<>())).contains("20 70");
            assertThat(exec.waitFor()).isZero();
        }
    }

    @Test
    void defaultCapabilitiesAreDockers() throws Exception {
        RunSpec spec = spec(List.of("grep", "CapEff", "/proc/self/status"), d -> d);
        assertThat(runToExit(spec)).isZero();
        assertThat(log(spec.id())).contains("00000000a80425fb");
    }

    @Test
    void readonlyRootfsRefusesWrites() throws Exception {
        RunSpec spec = spec(List.of("touch", "/file"), d -> { d.readonly = true; return d; });
        assertThat(runToExit(spec)).isNotZero();
        assertThat(log(spec.id())).contains("Read-only file system");
    }

    @Test
    void runsAsNobody() throws Exception {
        RunSpec spec = spec(List.of("id"), d -> { d.user = "65534"; return d; });
        assertThat(runToExit(spec)).isZero();
        assertThat(log(spec.id())).contains("uid=65534(nobody) gid=65534(nogroup)");
    }

    @Test
    void unknownUserIsInvalid() throws Exception {
        RunSpec spec = spec(List.of("id"), d -> { d.user = "ghost"; return d; });
        assertThatThrownBy(() -> driver.create(spec)).isInstanceOf(BargeException.class)
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
    }

    @Test
    void missingExecutableIsInvalid() throws Exception {
        RunSpec spec = spec(List.of("nope"), d -> d);
        assertThatThrownBy(() -> driver.create(spec)).isInstanceOf(BargeException.class)
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("executable file not found");
    }

    @Test
    void aNewDriverFindsRunningContainers() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        int pid = driver.state(spec.id()).pid();
        long conmonPid = Long.parseLong(Files.readString(execRoot.resolve("containers").resolve(spec.id())
                .resolve("conmon.pid")).strip());
        ProcessHandle conmonProcess = ProcessHandle.of(conmonPid).orElseThrow();
        assertThat(conmonProcess.parent().map(ProcessHandle::pid)).as("conmon is detached from barged")
                .isNotEqualTo(Optional.of(ProcessHandle.current().pid()));
        try (ConmonRuntimeDriver second = new ConmonRuntimeDriver(execRoot, Mounts.system(), HostFacts.probe(),
                Optional.of("runc"), 0)) {
            assertThat(second.state(spec.id())).isEqualTo(new ProcessState(ProcessState.Status.RUNNING, pid));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            second.onExit(spec.id(), exit::complete);
            second.kill(spec.id(), 9);
            assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(137);
        }
    }

    @Test
    void privilegedHoldsBargedsCapabilitiesWithoutSeccomp() throws Exception {
        RunSpec spec = spec(List.of("sh", "-c", "grep -E 'CapEff|Seccomp:' /proc/self/status; ls /dev/null /dev/kmsg"), d -> {
            d.security = new RunSpec.Security(true, List.of(), List.of(), Optional.empty(), false);
            return d;
        });
        assertThat(runToExit(spec)).isZero();
        String ownCapEff = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).trim();
        assertThat(log(spec.id())).contains(ownCapEff).containsPattern("Seccomp:\\s+0");
    }

    @Test
    void defaultSeccompFilterIsOnAndUnconfinedIsOff() throws Exception {
        RunSpec confined = spec(List.of("grep", "Seccomp:", "/proc/self/status"), d -> d);
        assertThat(runToExit(confined)).isZero();
        assertThat(log(confined.id())).containsPattern("Seccomp:\\s+2");
        RunSpec unconfined = spec(List.of("grep", "Seccomp:", "/proc/self/status"), d -> {
            d.security = new RunSpec.Security(false, List.of(), List.of(), Optional.of("unconfined"), false);
            return d;
        });
        assertThat(runToExit(unconfined)).isZero();
        assertThat(log(unconfined.id())).containsPattern("Seccomp:\\s+0");
    }

    @Test
    void initRunsAsPidOne() throws Exception {
        RunSpec spec = spec(List.of("cat", "/proc/1/cmdline"), d -> { d.init = true; return d; });
        assertThat(runToExit(spec)).isZero();
        assertThat(log(spec.id())).contains("docker-init");
    }

    @Test
    void anUnavailableRuntimeFallsBackToAWorkingOne() throws Exception {
        assertThat(driver.available()).anyMatch(r -> r.name().equals("runc") && r.available());
        RunSpec spec = spec(List.of("true"), d -> { d.runtime = Optional.of("crun"); return d; });
        assertThat(runToExit(spec)).isZero();
    }

    @Test
    void execTakesStdinAndUser() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        try (ExecSession exec = driver.exec(spec.id(), new ExecSpec("e3", List.of("cat"), List.of(), "", "", false, true, false))) {
            exec.stdin().write("piped\n".getBytes(StandardCharsets.UTF_8));
            exec.stdin().close();
            assertThat(readAll(exec, new HashMap<>())).isEqualTo("piped\n");
            assertThat(exec.waitFor()).isZero();
        }
        try (ExecSession exec = driver.exec(spec.id(), new ExecSpec("e4", List.of("id", "-u"), List.of("X=1"), "/tmp",
                "nobody", false, false, false))) {
            assertThat(readAll(exec, new HashMap<>())).isEqualTo("65534\n");
            assertThat(exec.pid()).isPositive();
        }
    }

    /**
     * Regression for flaky exec: many execs at once, each with its own stdin, output and exit
     * code, all of which must arrive intact. It caught two bugs: exit readers blocked in a FIFO
     * read pinned both carriers, so no stdin pump ran (cat never saw EOF); and removing the exec
     * directory raced conmon unlinking its socket, which killed the reader before the exit code.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void concurrentExecsEachGetTheirStdinOutputAndExitCode() throws Exception {
        RunSpec spec = spec(List.of("sleep", "1000"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        int parallel = 8, rounds = Integer.getInteger("barge.execRounds", 6);
        // virtual threads, as barged's request handlers are: they must not starve each other
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < rounds; round++) {
                List<CompletableFuture<String>> results = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    int code = round * parallel + i + 1;
                    results.add(CompletableFuture.supplyAsync(() -> execCat(spec.id(), code, threads), threads));
                }
                for (int i = 0; i < parallel; i++) {
                    int code = round * parallel + i + 1;
                    assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(catInput(code) + "exit " + code);
                }
            }
        } finally {
            threads.shutdownNow(); // a hung exec ends when cleanUp kills the container
        }
    }

    private static String catInput(int code) {
        return "input-" + code + "\n" + "x".repeat(code * 100) + "\n";
    }

    /** {@code sh -c 'cat; exit N'} fed its input and EOF: returns its output and exit code, or the failure. */
    private String execCat(String id, int code, java.util.concurrent.Executor threads) {
        ExecSpec exec = new ExecSpec("c" + code + "-" + System.nanoTime(), List.of("sh", "-c", "cat; exit " + code),
                List.of(), "", "", false, true, false);
        try (ExecSession session = driver.exec(id, exec)) {
            Thread.ofVirtual().start(() -> {
                try (var stdin = session.stdin()) {
                    stdin.write(catInput(code).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String out = readAll(session, new HashMap<>());
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.waitFor();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            return out + "exit " + exit.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "exec " + code + " failed: " + e;
        }
    }

    @Test
    void execOfAMissingBinaryFails() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        assertThatThrownBy(() -> driver.exec(spec.id(), new ExecSpec("e5", List.of("nope"), List.of(), "", "", false, false, false)))
                .isInstanceOf(BargeException.class).hasMessageContaining("executable file not found");
    }

    @Test
    void deletingARunningContainerKillsItAndLeavesNothing() throws Exception {
        RunSpec spec = spec(List.of("sleep", "100"), d -> d);
        driver.create(spec);
        driver.start(spec.id());
        driver.delete(spec.id());
        assertThat(driver.state(spec.id()).status()).isEqualTo(ProcessState.Status.UNKNOWN);
        assertThat(execRoot.resolve("containers").resolve(spec.id())).doesNotExist();
        assertThat(driver.exitCode(spec.id())).isEmpty();
    }

    @Test
    void aCreatedContainerCanBeDeletedWithoutStarting() throws Exception {
        RunSpec spec = spec(List.of("true"), d -> d);
        driver.create(spec);
        driver.delete(spec.id());
        assertThat(MountTable.hasMountUnder(execRoot)).isFalse();
    }
}
