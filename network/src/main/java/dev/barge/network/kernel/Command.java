package dev.barge.network.kernel;

import dev.barge.core.OffCarrier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (ip, iptables) to completion, feeding it a script on stdin. */
public final class Command {
    private static final long TIMEOUT_SECONDS = 30;

    private Command() {}

    /** Runs {@code argv}; a non-zero exit is an IOException carrying the tool's stderr. Returns stdout. */
    public static String run(List<String> argv, String stdin) throws IOException {
        // pipe reads and writes hold a virtual thread's carrier: on a platform thread (see OffCarrier)
        return OffCarrier.call(() -> runHere(argv, stdin));
    }

    private static String runHere(List<String> argv, String stdin) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + ": " + new String(err, StandardCharsets.UTF_8).strip()
                        + (stdin.isEmpty() ? "" : " (input: " + stdin.strip().replace('\n', ';') + ")"));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", argv), e);
        }
    }
}
