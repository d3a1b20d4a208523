package dev.barge.cli;

import dev.barge.client.FrameDemuxer;
import dev.barge.client.Hijacked;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Pumps a hijacked connection: our stdin to the container (half-closing at EOF), its output to
 * stdout/stderr (demultiplexed unless TTY). With a TTY on a terminal, stdin is raw and the detach
 * keys end the session client-side, as docker's escape proxy does.
 */
final class AttachStreams {
    /** Whether the session ended by the detach keys rather than the container's output ending. */
    enum Outcome { ENDED, DETACHED }

    private final Cli cli;
    private final byte[] detachKeys;
    private volatile boolean detached;

    AttachStreams(Cli cli, String detachKeys) {
        this.cli = cli;
        this.detachKeys = parseKeys(detachKeys);
    }

    Outcome pump(Hijacked h, boolean tty, boolean stdin) throws IOException {
        boolean raw = tty && stdin && cli.stdinIsTerminal();
        Runnable restore = raw ? Terminal.raw() : () -> {};
        try {
            if (stdin) {
                Thread input = new Thread(() -> copyInput(h, raw), "stdin");
                input.setDaemon(true);
                input.start();
            } else {
                h.closeWrite(); // nothing to send: say so at once, as docker does
            }
            try {
                if (h.multiplexed() && !tty) {
                    FrameDemuxer.copy(h.output(), cli.out, cli.err);
                } else {
                    copyRaw(h.output(), cli.out);
                }
            } catch (IOException e) {
                // a reset after the container's output is how some daemons end a hijacked stream
                boolean reset = String.valueOf(e.getMessage()).contains("Connection reset");
                if (!detached && !reset) throw e;
            }
        } finally {
            restore.run();
            cli.out.flush();
        }
        return detached ? Outcome.DETACHED : Outcome.ENDED;
    }

    private void copyInput(Hijacked h, boolean watchDetachKeys) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = cli.in;
            OutputStream out = h.input();
            DetachKeyFilter filter = new DetachKeyFilter(detachKeys);
            for (int n; (n = in.read(buf)) >= 0; ) {
                byte[] chunk = watchDetachKeys ? filter.pass(buf, n) : java.util.Arrays.copyOf(buf, n);
                if (chunk == null) {
                    detached = true;
                    h.close();
                    return;
                }
                out.write(chunk);
                out.flush();
            }
            h.closeWrite();
        } catch (IOException e) {
            // the connection ended first: nothing more to send
        }
    }

    /**
     * docker's escape proxy: the keys of a detach sequence are held back until the sequence either
     * completes (null: detach, nothing sent) or breaks (the held keys go out with the rest).
     */
    static final class DetachKeyFilter {
        private final byte[] keys;
        private int matched;

        DetachKeyFilter(byte[] keys) {
            this.keys = keys;
        }

        byte[] pass(byte[] buf, int n) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n + keys.length);
            for (int i = 0; i < n; i++) {
                if (buf[i] == keys[matched]) {
                    if (++matched == keys.length) return null;
                    continue;
                }
                out.write(keys, 0, matched);
                matched = 0;
                if (buf[i] == keys[0]) {
                    matched = 1;
                    if (keys.length == 1) return null;
                } else {
                    out.write(buf[i]);
                }
            }
            return out.toByteArray();
        }
    }

    private static void copyRaw(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[32 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    /** term.ToBytes: "ctrl-p,ctrl-q", single characters, "ctrl-@" ... "ctrl-_". */
    static byte[] parseKeys(String keys) {
        String spec = keys == null || keys.isBlank() ? "ctrl-p,ctrl-q" : keys;
        String[] parts = spec.split(",");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String k = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
            if (k.startsWith("ctrl-") && k.length() == 6) {
                char c = k.charAt(5);
                out[i] = (byte) (c >= 'a' && c <= 'z' ? c - 'a' + 1 : c == '@' ? 0 : c == '[' ? 27 : c == '\\' ? 28
                        : c == ']' ? 29 : c == '^' ? 30 : 31);
            } else if (k.length() == 1) {
                out[i] = (byte) k.charAt(0);
            } else {
                throw new StatusException(125, "Invalid detach keys (" + keys + ") provided");
            }
        }
        return out;
    }
}
