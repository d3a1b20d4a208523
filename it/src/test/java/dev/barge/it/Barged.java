package dev.barge.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.barge.network.NetworkConfig;
import dev.barge.network.NetworkService;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real barged for a test: started from this checkout's {@code bin/barged} as its own process,
 * with a fresh data root, exec root and socket under a short {@code /tmp} directory, and the
 * real {@code docker} CLI pointed at it (its own {@code DOCKER_CONFIG}, so no user config leaks).
 * {@link #close} kills the daemon and deletes everything.
 *
 * <p>Tests using it are skipped (assumption failure) unless we run as root, barged is built
 * ({@code mvn package}) and {@code docker} is on the PATH.
 */
public final class Barged implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final List<String> extraArgs;
    /** This daemon's own default bridge and subnet, so parallel daemons never share {@code barge0} or its chains. */
    private final String bridge;
    private final String bip;
    private Process process;
    private long startupMillis;
    /** Kills the daemon if the test JVM ends without {@link #close} (surefire time-out, crash). */
    private final Thread reaper = Thread.ofPlatform().unstarted(() -> {
        if (process != null) {
            process.destroyForcibly();
        }
    });

    private Barged(Path dir, List<String> extraArgs) {
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        this.bridge = "bt" + HexFormat.of().toHexDigits(r.nextInt()).substring(2);
        this.bip = "10." + (200 + r.nextInt(50)) + "." + r.nextInt(256) + ".1/24";
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a daemon (skipping the test when it cannot run here) and waits for its socket. */
    public static Barged start(String... extraArgs) throws IOException {
        assumeUsable();
        Barged b = new Barged(Files.createTempDirectory(Path.of("/tmp"), "bi"), List.of(extraArgs));
        try {
            b.launch();
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    public static void assumeUsable() {
        assumeTrue("root".equals(System.getProperty("user.name")), "integration tests run as root");
        assumeTrue(Files.isDirectory(repoRoot().resolve("daemon/target/lib")),
                "barged is not built: run mvn package (or mvn -pl it -am verify)");
        assumeTrue(onPath("docker"), "the docker CLI is not on the PATH");
    }

    /** The checkout's root: the first parent of the working directory holding {@code bin/barged}. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/barged"))) {
                return p;
            }
        }
        throw new IllegalStateException("no bin/barged above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    public Path socket() {
        return dir.resolve("s.sock");
    }

    public Path dataRoot() {
        return dir.resolve("root");
    }

    public Path execRoot() {
        return dir.resolve("run");
    }

    public Path pidfile() {
        return dir.resolve("run/barged.pid");
    }

    public Path dir() {
        return dir;
    }

    /** This daemon's default bridge ({@code --bridge}). */
    public String bridge() {
        return bridge;
    }

    /** The prefix of this daemon's iptables chains (barged derives it from the bridge name). */
    public String chainPrefix() {
        return NetworkConfig.chainPrefixFor(bridge);
    }

    public String logs() {
        try {
            return Files.readString(dir.resolve("barged.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Milliseconds from launching bin/barged to an accepting socket, for the last (re)start. */
    public long startupMillis() {
        return startupMillis;
    }

    public Process process() {
        return process;
    }

    /** The command line of this daemon, for starting another one beside it. */
    public List<String> command(Path socket, Path pidfile) {
        List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve("bin/barged").toString(),
                "--config-file", dir.resolve("daemon.json").toString(),
                "--data-root", dataRoot().toString(), "--exec-root", execRoot().toString(),
                "-H", "unix://" + socket, "--pidfile", pidfile.toString()));
        if (!extraArgs.contains("--bridge")) {
            cmd.addAll(List.of("--bridge", bridge, "--bip", bip));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command(socket(), pidfile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("barged.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("barged exited with " + process.exitValue() + ":\n" + logs());
            }
            if (connectable(socket())) {
                startupMillis = (System.nanoTime() - started) / 1_000_000;
                return;
            }
            sleep(5);
        }
        throw new IllegalStateException("barged did not listen within " + START_TIMEOUT + ":\n" + logs());
    }

    private static boolean connectable(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the real docker CLI against this daemon. */
    public Result docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return exec(cmd, COMMAND_TIMEOUT);
    }

    /** curl over the daemon's socket: {@code curl("-sI", "http://d/_ping")}. */
    public Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "30", "--unix-socket", socket().toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, COMMAND_TIMEOUT);
    }

    /** Runs any command with this daemon's DOCKER_HOST and DOCKER_CONFIG. */
    public Result exec(List<String> cmd, Duration timeout) {
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("DOCKER_HOST", "unix://" + socket());
            env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
            env.remove("DOCKER_CONTEXT");
            env.remove("DOCKER_TLS_VERIFY");
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Result r = new Result(finished ? p.exitValue() : -1, Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (!finished) {
                throw new IllegalStateException("timed out after " + timeout + ": " + cmd + "\n" + r);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("barged ignored SIGTERM:\n" + logs());
        }
        return process.exitValue();
    }

    /** SIGKILL: no clean-up, as after a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the daemon (SIGTERM when alive) and starts it again on the same directories. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
        launch();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        purgeNetworks();
        unmountLeftovers();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is not worth failing a test for
        }
    }

    /**
     * Mounts a killed daemon left under its directories (stopped containers keep their rootfs
     * mounted until removed), deepest first, so the temp dir can go and nothing stays mounted.
     */
    private void unmountLeftovers() {
        try {
            String prefix = dir.toRealPath().toString() + "/";
            List<String> points = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(p -> p.startsWith(prefix))
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
            for (String point : points) {
                new ProcessBuilder("umount", "-l", point).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // best effort, as the rest of the cleanup
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a killed daemon left in the kernel: its bridges, namespaces and iptables chains. */
    private void purgeNetworks() {
        if (!Files.isDirectory(dataRoot())) {
            return;
        }
        try {
            NetworkConfig config = NetworkConfig.of(bridge, bip, List.of(), true, true);
            NetworkService.purge(dataRoot(), execRoot(), NetworkService.Kernel.system(config));
        } catch (RuntimeException e) {
            // best effort: the next test's daemon has its own bridge and chains anyway
        }
    }

    /** A finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
