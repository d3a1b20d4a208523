package dev.barge.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The raw connection after a 101 upgrade: the daemon's output (multiplexed unless TTY), our input,
 * and half-close so the container sees EOF on stdin while its output keeps coming.
 */
public final class Hijacked implements Closeable {
    private final Link channel;
    private final InputStream output;
    private final OutputStream input;
    private final boolean multiplexed;

    Hijacked(Link channel, InputStream output, OutputStream input, boolean multiplexed) {
        this.channel = channel;
        this.output = output;
        this.input = input;
        this.multiplexed = multiplexed;
    }

    /** What the daemon writes: frames when {@link #multiplexed()}, else raw bytes. */
    public InputStream output() {
        return output;
    }

    /** What we write to the container's stdin. */
    public OutputStream input() {
        return input;
    }

    /** Content-Type application/vnd.docker.multiplexed-stream (the 8-byte frames). */
    public boolean multiplexed() {
        return multiplexed;
    }

    /** Shuts our write side: the daemon closes the container's stdin. */
    public void closeWrite() {
        try {
            input.flush();
            channel.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
