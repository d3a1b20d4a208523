package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.Map;

/** Signals a running container and waits for its exit, escalating to SIGKILL after a timeout. */
final class Stopping {
    static final long KILL_WAIT_MILLIS = 30_000;
    private final ContainerContext ctx;

    Stopping(ContainerContext ctx) {
        this.ctx = ctx;
    }

    void stopLocked(LiveContainer lc, int signal, int timeoutSeconds) throws InterruptedException {
        Container c = lc.current();
        ctx.commit(lc, c.withState(c.state().stoppedByUser()));
        if (c.state().status() == Status.RESTARTING) {
            lc.generation++;
            ctx.commit(lc, lc.current().withState(lc.current().state().withStatus(Status.EXITED)));
            return;
        }
        signal(lc, signal);
        if (!lc.awaitStopped(timeoutSeconds < 0 ? -1 : timeoutSeconds * 1000L)) {
            signal(lc, Signals.SIGKILL);
            if (!lc.awaitStopped(KILL_WAIT_MILLIS)) {
                throw BargeException.internal("container " + c.id() + " did not exit after SIGKILL", null);
            }
        }
    }

    /** Sends a signal to a running container; a process that is already gone is not an error. */
    void signal(LiveContainer lc, int signal) {
        try {
            ctx.runtime.kill(lc.id(), signal);
        } catch (RuntimeException e) {
            if (lc.current().state().running() && ctx.runtime.state(lc.id()).status()
                    != dev.barge.runtime.ProcessState.Status.STOPPED) {
                throw e;
            }
        }
        ctx.events.publish(lc.current(), "kill", Map.of("signal", Integer.toString(signal)));
    }
}
