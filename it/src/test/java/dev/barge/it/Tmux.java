package dev.barge.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal for the docker CLI: a tmux server of its own (socket under the daemon's directory)
 * running one command in a window of a given size. {@link #close} kills the server.
 */
final class Tmux implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final java.util.concurrent.atomic.AtomicInteger SERVERS = new java.util.concurrent.atomic.AtomicInteger();
    private final Barged barged;
    private final String socket;

    private Tmux(Barged barged) {
        this.barged = barged;
        // a server of its own each time: a new session on a server being killed could vanish with it
        this.socket = barged.dir().resolve("tmux-" + SERVERS.incrementAndGet() + ".sock").toString();
    }

    /** Starts {@code command} (a shell line, with this daemon's DOCKER_HOST) in a rows x cols window. */
    static Tmux run(Barged barged, int rows, int cols, String command) {
        Tmux t = new Tmux(barged);
        Barged.Result started = t.tmux("new-session", "-d", "-s", "t", "-x", String.valueOf(cols), "-y", String.valueOf(rows),
                "DOCKER_HOST=unix://" + barged.socket() + " DOCKER_CONFIG=" + barged.dir().resolve("docker-config")
                        + " " + command + "; echo \"[exit $?]\"; sleep 30");
        if (!started.ok()) {
            throw new IllegalStateException("tmux did not start: " + started);
        }
        return t;
    }

    void type(String text) {
        tmux("send-keys", "-t", "t", "-l", text);
        tmux("send-keys", "-t", "t", "Enter");
    }

    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    void resize(int rows, int cols) {
        tmux("resize-window", "-t", "t", "-x", String.valueOf(cols), "-y", String.valueOf(rows));
    }

    String screen() {
        return tmux("capture-pane", "-p", "-t", "t").stdout();
    }

    /** Waits until the screen contains {@code text}; returns the screen either way. */
    String await(String text) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String s = screen();
        while (!s.contains(text) && System.nanoTime() < deadline) {
            sleep();
            s = screen();
        }
        return s;
    }

    private Barged.Result tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket));
        cmd.addAll(List.of(args));
        return barged.exec(cmd, TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        tmux("kill-server");
    }
}
