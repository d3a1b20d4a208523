package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.RuntimeDriver;
import dev.barge.runtime.oci.DeviceCgroupRules;
import dev.barge.runtime.oci.DeviceOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a container, from start to exit: creating and starting it in the runtime (Docker's
 * start errors and exit codes when that fails), connecting waiting attaches, and at the exit the
 * die event, the waiters, the restart policy with its back-off, or auto-removal.
 */
final class Runs {
    private static final System.Logger LOG = System.getLogger(Runs.class.getName());
    private final ContainerContext ctx;
    private final ImageAccess images;
    private final RuntimeDriver runtime;
    private final ContainerEvents events;
    private final ContainerStore store;
    private final ContainerRegistry registry;
    private final Removal removal;

    Runs(ContainerContext ctx, Removal removal) {
        this.ctx = ctx;
        this.images = ctx.images;
        this.runtime = ctx.runtime;
        this.events = ctx.events;
        this.store = ctx.store;
        this.registry = ctx.registry;
        this.removal = removal;
    }

    /** Creates and starts the runtime container; the lock is held. */
    void startLocked(LiveContainer lc) {
        Container c = lc.current();
        String id = c.id();
        ctx.discardRuntime(id);
        long gen = ++lc.generation;
        RunSpec.NetworkNamespace network;
        ContainerNamespaces.Resolved namespaces;
        List<String> linkEnv;
        try {
            namespaces = ContainerNamespaces.resolve(c.host().namespaces(), ref -> registry.lookup(ref).current(),
                    ctx.mounts::shmPath);
            DeviceOptions.check(RunSpecBuilder.devices(c.host())); // Docker's words, not a runtime failure's
            DeviceCgroupRules.check(c.host().cgroups().deviceRules());
            linkEnv = linkEnv(c);
            network = ctx.networking.join(c);
        } catch (RuntimeException e) {
            throw startFailed(lc, e, true);
        }
        int pid;
        try {
            List<Mount> rootfs = images.prepareRootfs(id, c.imageId());
            List<Mount> userMounts = ctx.mounts.prepare(id, rootfs);
            if (c.host().namespaces().ipc().equals("shareable")) {
                namespaces = namespaces.withShm(ctx.mounts.mountShm(id, c.host().effectiveShmSize()));
            }
            RunSpec spec = RunSpecBuilder.build(c, rootfs, store.dir(id), network, userMounts, namespaces, linkEnv);
            pid = runtime.create(spec).pid(); // the created process is the one start runs: no state query
            connectPendingAttaches(lc);
            runtime.onExit(id, code -> Thread.ofVirtual().name("exit-" + c.shortId())
                    .start(() -> handleExit(lc, gen, code)));
            runtime.start(id);
        } catch (RuntimeException e) {
            throw startFailed(lc, e, false);
        }
        events.volumes(c, ctx.mounts.of(id), "mount");
        lc.startedAtMonotonicNanos = System.nanoTime();
        ctx.commit(lc, lc.current().withState(lc.current().state().running(pid, Times.nowNanos())));
        events.publish(lc.current(), "start");
        ctx.health.start(lc, gen);
    }

    /** Legacy links mean something on the default bridge only, as in Docker. */
    private List<String> linkEnv(Container c) {
        List<String> links = ctx.networking.request(c.id()).links();
        String mode = c.host().networkMode();
        if (links.isEmpty() || !(mode.equals("default") || mode.equals("bridge"))) {
            return List.of();
        }
        return LinkEnv.of(c, links, ref -> {
            try {
                return java.util.Optional.of(registry.lookup(ref).current());
            } catch (BargeException e) {
                return java.util.Optional.empty();
            }
        }, ctx.networking.access()::bridgeAddress);
    }

    /** @param network the networks refused the container (port in use, address taken): Docker's words as they are */
    private BargeException startFailed(LiveContainer lc, RuntimeException e, boolean network) {
        lc.generation++;
        ctx.mounts.release(lc.id());
        ctx.networking.leave(lc.id());
        String raw = e.getMessage() == null ? e.toString() : e.getMessage();
        // our own refusals (no such container to join, port in use, bad option) keep their words
        boolean ours = e instanceof BargeException be && (network || be.kind() != dev.barge.core.ErrorKind.INTERNAL
                && StartFailure.exitCode(raw) == 128);
        String message = ours ? raw : StartFailure.describe(raw);
        int code = ours ? 128 : StartFailure.exitCode(raw);
        try {
            runtime.delete(lc.id());
        } catch (RuntimeException ignored) {
            // nothing was created, or it is already gone
        }
        Container c = lc.current();
        ctx.commit(lc, c.withState(c.state().failedStart(code, message, Times.nowNanos())));
        lc.endPendingAttaches(); // the start's caller reports the error; the attached streams just end
        // as Docker: exit waiters keep waiting (the run never began); a --rm removal below wakes removal waiters
        if (c.host().autoRemove()) {
            removal.removeLocked(lc);
        }
        return ours ? (BargeException) e : new BargeException(StartFailure.kind(raw), message, e);
    }

    private void connectPendingAttaches(LiveContainer lc) {
        for (CompletableFuture<AttachSession> f : lc.pendingAttaches) {
            try {
                AttachSession s = runtime.attach(lc.id());
                if (!f.complete(s)) {
                    s.close(); // the client gave up waiting
                }
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }
        lc.pendingAttaches.clear();
    }

    /** The runtime reported an exit of run {@code gen}. */
    void handleExit(LiveContainer lc, long gen, int code) {
        lc.lock.lock();
        try {
            Container c = lc.current();
            if (gen != lc.generation || !c.state().running()) {
                return;
            }
            ctx.commit(lc, c.withState(c.state().exited(code, Times.nowNanos())));
            ctx.mounts.release(c.id());
            events.volumes(c, ctx.mounts.of(c.id()), "unmount");
            long ranSeconds = (System.nanoTime() - lc.startedAtMonotonicNanos) / 1_000_000_000L;
            events.publish(lc.current(), "die", Map.of("exitCode", Integer.toString(code),
                    "execDuration", Long.toString(ranSeconds)));
            ctx.networking.leave(c.id()); // as Docker: die, then the networks' disconnect events
            lc.exited(new WaitResult(code, ""));
            afterExit(lc, code);
        } finally {
            lc.lock.unlock();
        }
    }

    /** Restart policy or auto-remove after an exit; the lock is held. */
    private void afterExit(LiveContainer lc, int code) {
        Container c = lc.current();
        Duration ran = Duration.ofNanos(System.nanoTime() - lc.startedAtMonotonicNanos);
        if (c.host().restartPolicy().shouldRestart(code, c.state().restartCount(), c.state().manuallyStopped())) {
            lc.backoff = lc.backoff.next(ran);
            scheduleRestart(lc, lc.backoff.delay());
        } else if (c.host().autoRemove()) {
            Thread.ofVirtual().name("autoremove-" + c.shortId()).start(() -> autoRemove(lc));
        }
    }

    private void scheduleRestart(LiveContainer lc, Duration delay) {
        Container c = lc.current();
        ctx.commit(lc, c.withState(c.state().restarting()));
        long gen = lc.generation;
        Thread.ofVirtual().name("restart-" + c.shortId()).start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            lc.lock.lock();
            try {
                if (gen != lc.generation || lc.current().state().status() != Status.RESTARTING
                        || !registry.contains(lc.id())) {
                    return;
                }
                startLocked(lc);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restart of " + lc.id() + " failed: " + e.getMessage());
                Container now = lc.current();
                if (now.state().status() == Status.RESTARTING) {
                    ctx.commit(lc, now.withState(now.state().withStatus(Status.EXITED)));
                }
            } finally {
                lc.lock.unlock();
            }
        });
    }

    private void autoRemove(LiveContainer lc) {
        lc.lock.lock();
        try {
            Status s = lc.current().state().status();
            if (registry.contains(lc.id()) && (s == Status.EXITED || s == Status.CREATED)) {
                removal.removeLocked(lc);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auto-remove of " + lc.id() + " failed: " + e.getMessage());
        } finally {
            lc.lock.unlock();
        }
    }
}
