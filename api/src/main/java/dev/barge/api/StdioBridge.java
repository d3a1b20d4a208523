package dev.barge.api;

import dev.barge.runtime.AttachSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Pumps a hijacked connection to and from a container's (or exec's) stdio until the output
 * ends or the client detaches. Half-close: when the client shuts its write side, the
 * container's stdin is closed (if {@code closeStdinOnEof}) and output keeps flowing.
 */
final class StdioBridge {
    /**
     * @param wantStdin       forward the client's input
     * @param wantStdout      forward stream 1
     * @param wantStderr      forward stream 2
     * @param closeStdinOnEof close the container's stdin when the client half-closes
     * @param detachKeys      the detach sequence, or null for none
     */
    record Options(boolean wantStdin, boolean wantStdout, boolean wantStderr, boolean closeStdinOnEof,
                   DetachKeys detachKeys) {}

    private StdioBridge() {}

    /**
     * Runs until output ends or the client detaches or goes away; does not close {@code frames}' stream.
     *
     * @return true when the client detached (its detach keys), so the process goes on
     */
    static boolean run(AttachSession session, InputStream clientIn, StreamFrames frames, Options options) {
        Thread input = null;
        java.util.concurrent.atomic.AtomicBoolean detached = new java.util.concurrent.atomic.AtomicBoolean();
        if (options.wantStdin()) {
            input = Thread.ofVirtual().name("attach-stdin").start(() -> pumpInput(session, clientIn, options, detached));
        }
        try {
            for (AttachSession.Chunk chunk; (chunk = session.read()) != null; ) {
                boolean wanted = chunk.stream() == 2 ? options.wantStderr() : options.wantStdout();
                if (wanted) {
                    frames.write(chunk.stream(), chunk.data());
                }
            }
        } catch (IOException e) {
            // the client or the container's stream went away: either way this attach is over
        } finally {
            session.close();
            if (input != null) {
                input.interrupt();
            }
        }
        return detached.get();
    }

    private static void pumpInput(AttachSession session, InputStream clientIn, Options options,
                                  java.util.concurrent.atomic.AtomicBoolean detached) {
        OutputStream stdin = session.stdin();
        byte[] buf = new byte[32 * 1024];
        ByteArrayOutputStream forward = new ByteArrayOutputStream();
        try {
            for (int n; (n = clientIn.read(buf)) >= 0; ) {
                if (options.detachKeys() == null) {
                    stdin.write(buf, 0, n);
                } else {
                    forward.reset();
                    if (options.detachKeys().scan(buf, n, forward) < 0) {
                        stdin.write(forward.toByteArray());
                        stdin.flush();
                        detached.set(true);
                        session.close(); // detach: ends the output pump, leaves the container running
                        return;
                    }
                    stdin.write(forward.toByteArray());
                }
                stdin.flush();
            }
            if (options.closeStdinOnEof()) {
                stdin.close();
            }
        } catch (IOException e) {
            // the container's stdin closed (process ended) or the client vanished
        }
    }

    /** Writes an error after the hijack, where no HTTP status can carry it any more. */
    static void writeError(StreamFrames frames, String message) {
        try {
            frames.write(StreamFrames.STDOUT, (message + "\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client is gone too
        }
    }
}
