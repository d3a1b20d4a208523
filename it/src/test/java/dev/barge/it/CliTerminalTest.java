package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code barge run -it} and {@code barge exec -it} on a real terminal: each runs in a detached
 * tmux session (its own tmux server), which we type into with send-keys, read with
 * capture-pane, resize with resize-window, and detach from with ctrl-p ctrl-q.
 */
@Timeout(90)
class CliTerminalTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Barged barged;
    private static final java.util.concurrent.atomic.AtomicInteger SERVERS = new java.util.concurrent.atomic.AtomicInteger();
    /** A tmux server per session: a killed server's socket may linger a moment, so none is reused. */
    private String server = nextServer();

    private static String nextServer() {
        return "barge-it-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();
    }

    @BeforeAll
    static void start() throws IOException {
        Golden.assumeBargeBuilt();
        assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed (apt-get install -y tmux)");
        barged = Barged.start();
        try {
            Path image = barged.dir().resolve("bb.tar");
            barged.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(), image.toString()),
                    Duration.ofSeconds(60));
            var loaded = barged.docker("load", "-q", "-i", image.toString());
            assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
        } catch (RuntimeException | AssertionError e) {
            barged.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.docker("rm", "-f", "g-tty");
            barged.close();
        }
    }

    @AfterEach
    void killTmux() {
        tmux("kill-server");
    }

    @Test
    void runItTypesResizesAndDetachesLeavingTheContainerUp() {
        open("run", "-it", "--name", "g-tty", "busybox", "sh");
        awaitScreen(s -> s.contains("/ #"));
        type("echo mark$((20+3)); stty size");
        // the sum proves the shell ran what we typed, not just that the terminal echoed it
        awaitScreen(s -> s.contains("mark23") && s.contains("30 100"));
        tmux("resize-window", "-t", "t", "-x", "120", "-y", "40");
        // busybox ash redraws its line on SIGWINCH and may drop a line typed at that moment: ask again
        for (int attempt = 0; attempt < 5 && !screen().contains("40 120"); attempt++) {
            type("stty size");
            waitFor(s -> s.contains("40 120"), Duration.ofSeconds(3));
        }
        awaitScreen(s -> s.contains("40 120"));

        tmux("send-keys", "-t", "t", "C-p", "C-q");
        awaitScreen(s -> s.contains("[barge exited 0]"));
        var ps = golden().barge("ps", "--filter", "name=g-tty", "--format", "{{.Names}} {{.State}}");
        assertThat(ps.stdout().trim()).isEqualTo("g-tty running");

        tmux("kill-server");
        server = nextServer();
        open("exec", "-it", "-e", "WHO=exec", "g-tty", "sh");
        awaitScreen(s -> s.contains("/ #"));
        type("echo $WHO-$((40+2)); exit 7");
        awaitScreen(s -> s.contains("exec-42") && s.contains("[barge exited 7]"));
    }

    private static Golden golden() {
        return Golden.of(barged);
    }

    /**
     * A tmux session "t" of 100x30 running barge with these arguments, then printing
     * "[barge exited N]" and staying, so the screen can be read whenever barge ends.
     */
    private void open(String... bargeArgs) {
        List<String> cmd = new ArrayList<>(List.of("new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
                "env", "DOCKER_HOST=unix://" + barged.socket(), "DOCKER_CONFIG=" + barged.dir().resolve("docker-config"),
                "sh", "-c", "\"$@\"; echo \"[barge exited $?]\"; sleep 300", "sh", Golden.bargeBinary().toString()));
        cmd.addAll(List.of(bargeArgs));
        var started = tmux(cmd.toArray(String[]::new));
        assertThat(started.exitCode()).as(started.toString()).isZero();
    }

    private void type(String line) {
        tmux("send-keys", "-t", "t", "-l", line);
        tmux("send-keys", "-t", "t", "Enter");
    }

    private String screen() {
        return tmux("capture-pane", "-p", "-t", "t").stdout();
    }

    private void awaitScreen(Predicate<String> ready) {
        assertThat(waitFor(ready, WAIT)).as("screen").matches(ready, "shows what we waited for");
    }

    private String waitFor(Predicate<String> ready, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String s = screen();
        while (!ready.test(s) && System.nanoTime() < deadline) {
            sleep();
            s = screen();
        }
        return s;
    }

    private Barged.Result tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        return barged.exec(cmd, Duration.ofSeconds(10));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
