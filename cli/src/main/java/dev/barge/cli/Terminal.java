package dev.barge.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Terminal checks and modes without JNI: /proc for isatty, stty on /dev/tty for raw mode and size. */
final class Terminal {
    private Terminal() {}

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Puts the terminal in raw mode; the returned action restores it (also run at JVM exit). */
    static Runnable raw() {
        Optional<String> saved = stty("-g");
        if (saved.isEmpty()) return () -> {};
        stty("raw", "-echo");
        Thread restore = new Thread(() -> stty(saved.get()));
        Runtime.getRuntime().addShutdownHook(restore);
        return () -> {
            stty(saved.get());
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // already shutting down: the hook restores
            }
        };
    }

    /** Rows and columns of the controlling terminal. */
    static Optional<int[]> size() {
        return stty("size").map(s -> s.trim().split("\\s+")).filter(p -> p.length == 2)
                .map(p -> new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
    }

    private static Optional<String> stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
