package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link Barged} with the busybox image loaded, for tests that run containers: started in a
 * test ({@link #start}, closed by try-with-resources) or once per test class
 * ({@code @RegisterExtension static final ContainerDaemon d = ContainerDaemon.perClass();}).
 * {@link #close} removes every container, stops the daemon, and then checks (and cleans, so one
 * failure does not leak into the machine) that no overlay mount or conmon process of it is left.
 */
public final class ContainerDaemon implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static Path busyboxArchive;

    private Barged barged;

    private ContainerDaemon() {}

    public static ContainerDaemon start(String... extraArgs) throws IOException {
        ContainerDaemon d = new ContainerDaemon();
        d.launch(extraArgs);
        return d;
    }

    /** A daemon started before the class's tests and closed after them. */
    public static ContainerDaemon perClass() {
        return new ContainerDaemon();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (barged != null) {
            close();
        }
    }

    private void launch(String... extraArgs) throws IOException {
        barged = Barged.start(extraArgs);
        try {
            var load = barged.docker("load", "-i", busyboxArchive().toString());
            assertThat(load.exitCode()).as(load.toString()).isZero();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** One archive per test JVM, made by the checkout's script. */
    private static synchronized Path busyboxArchive() throws IOException {
        if (busyboxArchive == null) {
            Path tar = Files.createTempFile("busybox", ".tar");
            tar.toFile().deleteOnExit();
            Path script = Barged.repoRoot().resolve("scripts/make-busybox-image");
            try {
                Process p = new ProcessBuilder(script.toString(), tar.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("make-busybox-image failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            busyboxArchive = tar;
        }
        return busyboxArchive;
    }

    public Barged barged() {
        return barged;
    }

    public Barged.Result docker(String... args) {
        return barged.docker(args);
    }

    /** Runs docker and asserts it succeeded; returns its trimmed stdout. */
    public String ok(String... args) {
        var r = barged.docker(args);
        assertThat(r.exitCode()).as("docker %s\n%s", String.join(" ", args), r).isZero();
        return r.stdout().trim();
    }

    public Barged.Result shell(String script, Duration timeout) {
        return barged.exec(List.of("bash", "-c", script), timeout);
    }

    /** Polls {@code check} every 100 ms until it holds or {@code timeout} passes. */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return check.getAsBoolean();
    }

    /** Lines of /proc/mounts naming this daemon's directories. */
    public List<String> mounts() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/mounts"))) {
            return lines.filter(l -> l.contains(barged.dir().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PIDs of conmon processes serving this daemon (their command line names its exec root). */
    public List<Long> conmons() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("conmon")).orElse(false))
                .filter(p -> cmdline(p.pid()).contains(barged.dir().toString()))
                .map(ProcessHandle::pid).toList();
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        List<String> leftovers = new ArrayList<>();
        try {
            if (barged.process() != null && barged.process().isAlive()) {
                var ids = barged.docker("ps", "-aq");
                if (ids.ok() && !ids.stdout().isBlank()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                    rm.addAll(List.of(ids.stdout().trim().split("\\s+")));
                    barged.docker(rm.toArray(String[]::new));
                }
                barged.terminate();
            }
            leftovers.addAll(mounts());
            conmons().forEach(pid -> leftovers.add("conmon " + pid));
        } catch (RuntimeException | InterruptedException e) {
            leftovers.add("clean-up failed: " + e);
        } finally {
            if (!leftovers.isEmpty()) {
                forceCleanUp();
            }
            barged.close();
        }
        assertThat(leftovers).as("left behind by this daemon").isEmpty();
    }

    /** Kills what the daemon left (runc containers, conmon, mounts), so a failed test leaks nothing. */
    private void forceCleanUp() {
        Path runc = barged.execRoot().resolve("runtime/runc");
        try (Stream<Path> states = Files.isDirectory(runc) ? Files.list(runc) : Stream.empty()) {
            for (Path state : states.toList()) {
                run("runc", "--root", runc.toString(), "delete", "-f", state.getFileName().toString());
            }
        } catch (IOException e) {
            // best effort
        }
        conmons().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        List<String> mounts = new ArrayList<>(mounts());
        java.util.Collections.reverse(mounts);
        for (String line : mounts) {
            run("umount", "-l", line.split(" ")[1]);
        }
    }

    private static void run(String... cmd) {
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
