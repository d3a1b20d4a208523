package dev.barge.runtime;

/**
 * A running exec process: its stdio and, once it ends, its exit code. Closing the session
 * never kills the process.
 */
public interface ExecSession extends AttachSession {
    /** The exec'd process's PID on the host. */
    int pid();

    /** Blocks until the process exits; returns its exit code. */
    int waitFor() throws InterruptedException;

    /** Resizes the exec's TTY. */
    void resize(int height, int width);
}
