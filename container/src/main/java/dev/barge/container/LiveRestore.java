package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.runtime.RuntimeDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up: reloads stored containers and reconciles them with the runtime. Containers still
 * running keep running (same PID) and get their exit watcher back; those that exited while
 * barged was down get their real exit code; {@code always}/{@code unless-stopped} ones start again.
 */
final class LiveRestore {
    private static final System.Logger LOG = System.getLogger(LiveRestore.class.getName());
    private final ContainerContext ctx;
    private final RuntimeDriver runtime;
    private final ContainerEvents events;
    private final ContainerStore store;
    private final ContainerRegistry registry;
    private final Runs runs;
    private final Removal removal;

    LiveRestore(ContainerContext ctx, Runs runs, Removal removal) {
        this.ctx = ctx;
        this.runtime = ctx.runtime;
        this.events = ctx.events;
        this.store = ctx.store;
        this.registry = ctx.registry;
        this.runs = runs;
        this.removal = removal;
    }

    void restore() {
        List<LiveContainer> toStart = new ArrayList<>();
        for (Container stored : store.loadAll()) {
            LiveContainer lc = new LiveContainer(stored);
            try {
                registry.reserveName(stored.name(), stored.id());
            } catch (BargeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping " + stored.id() + ": " + e.getMessage());
                continue;
            }
            registry.add(lc);
            lc.lock.lock();
            try {
                if (reconcile(lc)) {
                    toStart.add(lc);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot restore " + stored.id() + ": " + e.getMessage());
            } finally {
                lc.lock.unlock();
            }
        }
        for (LiveContainer lc : toStart) {
            Thread.ofVirtual().name("restore-" + lc.id().substring(0, 12)).start(() -> {
                lc.lock.lock();
                try {
                    if (!lc.current().state().running() && registry.contains(lc.id())) {
                        runs.startLocked(lc);
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot restart " + lc.id() + ": " + e.getMessage());
                } finally {
                    lc.lock.unlock();
                }
            });
        }
    }

    /** Brings one stored container in line with the runtime; true if it should be started. */
    private boolean reconcile(LiveContainer lc) {
        Container c = lc.current();
        ContainerState s = c.state();
        if (s.status() == Status.REMOVING) {
            removal.removeLocked(lc);
            return false;
        }
        boolean wasUp = s.running() || s.status() == Status.RESTARTING;
        if (wasUp) {
            var now = runtime.state(c.id());
            switch (now.status()) {
                case RUNNING, PAUSED -> {
                    Status st = now.status() == dev.barge.runtime.ProcessState.Status.PAUSED
                            ? Status.PAUSED : Status.RUNNING;
                    ctx.commit(lc, c.withState(new ContainerState(st, now.pid(), 0, "", s.startedAtNanos(),
                            s.finishedAtNanos(), false, s.restartCount(), s.manuallyStopped())));
                    long gen = ++lc.generation;
                    lc.startedAtMonotonicNanos = System.nanoTime();
                    runtime.onExit(c.id(), code -> Thread.ofVirtual().start(() -> runs.handleExit(lc, gen, code)));
                    ctx.health.start(lc, gen); // as moby on restore: checks resume, starting over
                    return false;
                }
                default -> {
                    int code = runtime.exitCode(c.id()).orElse(255);
                    ctx.commit(lc, c.withState(c.state().exited(code, Times.nowNanos())));
                    events.publish(lc.current(), "die", Map.of("exitCode", Integer.toString(code)));
                }
            }
        }
        ContainerState after = lc.current().state();
        if (after.status() == Status.EXITED && after.startedAtNanos() != 0 && c.host().restartPolicy()
                .restartsOnDaemonStart(after.exitCode(), after.restartCount(), after.manuallyStopped())) {
            return true;
        }
        if (c.host().autoRemove() && after.status() == Status.EXITED) { // --rm, exited while barged was down
            removal.removeLocked(lc);
        }
        return false;
    }
}
