package dev.barge.container;

import dev.barge.container.mounts.MountPoint;
import dev.barge.core.BargeException;
import dev.barge.core.event.EventBus;
import dev.barge.linux.Mounts;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.RuntimeDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Docker's container lifecycle: create, start, stop, kill, restart, pause, remove, wait, attach,
 * logs, exec, top, rename, update, prune, with restart policies and live restore.
 *
 * <p>Each container has a lock ({@link LiveContainer#lock}); every verb checks the state machine
 * ({@link Verb#check}) under it, changes the state, saves the record, then publishes its event.
 * Exits reported by the runtime are handled on virtual threads under the same lock.
 *
 * <p>The constructor reloads stored containers and reconciles them with the runtime: containers
 * still running keep running (same PID), those that exited meanwhile get their real exit code,
 * and {@code always}/{@code unless-stopped} ones are started again.
 */
public final class ContainerService {
    private static final System.Logger LOG = System.getLogger(ContainerService.class.getName());
    private static final int DEFAULT_STOP_TIMEOUT = 10;

    private final ContainerContext ctx;
    private final ImageAccess images;
    private final RuntimeDriver runtime;
    private final ContainerEvents events;
    private final ContainerRegistry registry;
    private final Execs execs;
    private final Creation creation;
    private final Runs runs;
    private final Stopping stopping;
    private final Removal removal;

    public ContainerService(ImageAccess images, RuntimeDriver runtime, EventBus events, Path dataRoot) {
        this(images, runtime, events, dataRoot, VolumeAccess.NONE, Mounts.system(), NetworkAccess.loopbackOnly());
    }

    /** With volumes, the kernel's mounts (copy-up, files of stopped containers) and networks. */
    public ContainerService(ImageAccess images, RuntimeDriver runtime, EventBus events, Path dataRoot,
                            VolumeAccess volumes, Mounts kernel, NetworkAccess networks) {
        this.ctx = new ContainerContext(images, runtime, new ContainerEvents(events), new ContainerStore(dataRoot),
                volumes, kernel, networks);
        this.images = images;
        this.runtime = runtime;
        this.events = ctx.events;
        this.registry = ctx.registry;
        this.execs = ctx.execs;
        this.creation = new Creation(ctx);
        this.removal = new Removal(ctx);
        this.runs = new Runs(ctx, removal);
        this.stopping = new Stopping(ctx);
        new LiveRestore(ctx, runs, removal).restore();
    }

    // ---- create, query ------------------------------------------------------------------------

    /** Creates a container; returns it with its new ID and name. */
    public Container create(CreateRequest request) {
        return creation.create(request);
    }

    /** The container and the paths inspect shows. */
    public ContainerDetails inspect(String ref) {
        Container c = registry.lookup(ref).current();
        Path dir = ctx.store.dir(c.id());
        return new ContainerDetails(c, EtcFiles.hosts(dir).toString(), EtcFiles.hostname(dir).toString(),
                EtcFiles.resolvConf(dir).toString(), ctx.currentLog(c.id()).toString(), execs.idsOf(c.id()));
    }

    /** The containers {@code docker ps} shows, newest first. */
    public List<Container> list(ListOptions options) {
        Predicate<Container> filter = ContainerFilter.of(options.filters(), ContainerFilter.LIST_FILTERS,
                ref -> registry.lookup(ref).current(), this::imageIdOf,
                c -> ctx.health.of(c.id()).map(Health::status).orElse("none"));
        Map<String, List<String>> f = options.filters();
        boolean all = options.all() || options.limit() > 0 || f.containsKey("status") || f.containsKey("exited")
                || f.containsKey("before") || f.containsKey("since");
        List<Container> out = registry.all().stream().map(LiveContainer::current)
                .filter(c -> all || c.state().running() || c.state().status() == Status.RESTARTING)
                .filter(filter)
                .sorted(Comparator.comparingLong(Container::createdNanos).reversed())
                .toList();
        return options.limit() > 0 && out.size() > options.limit() ? out.subList(0, options.limit()) : out;
    }

    /** The containers created from an image ({@code sha256:...}), running ones first: for image removal. */
    public List<Container> createdFrom(String imageId) {
        return registry.all().stream().map(LiveContainer::current).filter(c -> c.imageId().equals(imageId))
                .sorted(Comparator.comparing((Container c) -> !c.state().running())
                        .thenComparing(Comparator.comparingLong(Container::createdNanos).reversed()))
                .toList();
    }

    private Optional<String> imageIdOf(String ref) {
        try {
            return Optional.of(images.resolve(ref).id());
        } catch (BargeException e) {
            return Optional.empty();
        }
    }

    // ---- start, stop, kill, restart, pause ------------------------------------------------------

    public void start(String ref) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.START.check(c.state().status(), c.id(), c.name());
            runs.startLocked(lc);
        } finally {
            lc.lock.unlock();
        }
    }

    /**
     * Stops the container: its stop signal (or {@code signal}), then SIGKILL after the timeout.
     *
     * @param timeoutSeconds empty for the container's own or 10 s; negative waits forever
     */
    public void stop(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.STOP.check(c.state().status(), c.id(), c.name());
            int sig = signal.filter(s -> !s.isEmpty()).map(Signals::parse).orElseGet(() -> Signals.stopSignal(c.config()));
            int timeout = timeoutSeconds.orElse(c.config().stopTimeout() >= 0 ? c.config().stopTimeout()
                    : DEFAULT_STOP_TIMEOUT);
            stopping.stopLocked(lc, sig, timeout);
            events.publish(lc.current(), "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while stopping " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    /** {@code docker kill}: SIGKILL by default; waits for the exit when the signal is SIGKILL. */
    public void kill(String ref, Optional<String> signal) {
        LiveContainer lc = registry.lookup(ref);
        int sig = signal.filter(s -> !s.isEmpty()).map(Signals::parse).orElse(Signals.SIGKILL);
        lc.lock.lock();
        try {
            Container c = lc.current();
            try {
                Verb.KILL.check(c.state().status(), c.id(), c.name());
            } catch (BargeException e) {
                throw new BargeException(e.kind(), "Cannot kill container: " + ref + ": " + e.getMessage());
            }
            if (sig == Signals.SIGKILL || sig == Signals.stopSignal(c.config())) {
                ctx.commit(lc, c.withState(c.state().stoppedByUser()));
            }
            if (c.state().status() == Status.RESTARTING) {
                lc.generation++;
                ctx.commit(lc, lc.current().withState(lc.current().state().withStatus(Status.EXITED)));
                return;
            }
            stopping.signal(lc, sig);
            if (sig == Signals.SIGKILL) {
                lc.awaitStopped(Stopping.KILL_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while killing " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    public void restart(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.RESTART.check(c.state().status(), c.id(), c.name());
            if (c.state().status() == Status.PAUSED) {
                runtime.resume(c.id());
                ctx.commit(lc, c.withState(c.state().withStatus(Status.RUNNING)));
            }
            if (lc.current().state().running() || lc.current().state().status() == Status.RESTARTING) {
                int sig = signal.filter(s -> !s.isEmpty()).map(Signals::parse)
                        .orElseGet(() -> Signals.stopSignal(c.config()));
                stopping.stopLocked(lc, sig, timeoutSeconds.orElse(c.config().stopTimeout() >= 0
                        ? c.config().stopTimeout() : DEFAULT_STOP_TIMEOUT));
                events.publish(lc.current(), "stop");
            }
            runs.startLocked(lc);
            events.publish(lc.current(), "restart");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while restarting " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    public void pause(String ref) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.PAUSE.check(c.state().status(), c.id(), c.name());
            runtime.pause(c.id());
            ctx.commit(lc, c.withState(c.state().withStatus(Status.PAUSED)));
            events.publish(lc.current(), "pause");
        } finally {
            lc.lock.unlock();
        }
    }

    public void unpause(String ref) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.UNPAUSE.check(c.state().status(), c.id(), c.name());
            runtime.resume(c.id());
            ctx.commit(lc, c.withState(c.state().withStatus(Status.RUNNING)));
            events.publish(lc.current(), "unpause");
        } finally {
            lc.lock.unlock();
        }
    }

    // ---- wait, remove, rename, update, prune ---------------------------------------------------

    /**
     * Registers a wait; the future completes at the condition. Lookup errors are thrown now, so
     * the API can answer them before it commits to a 200.
     */
    public CompletableFuture<WaitResult> await(String ref, WaitCondition condition) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            ContainerState s = lc.current().state();
            CompletableFuture<WaitResult> f = new CompletableFuture<>();
            switch (condition) {
                case NOT_RUNNING -> {
                    if (!s.running() && s.status() != Status.RESTARTING) {
                        f.complete(new WaitResult(s.exitCode(), s.error()));
                    } else {
                        lc.exitWaiters.add(f);
                    }
                }
                case NEXT_EXIT -> lc.exitWaiters.add(f);
                case REMOVED -> lc.removalWaiters.add(f);
            }
            return f;
        } finally {
            lc.lock.unlock();
        }
    }

    /** Removes a container; {@code force} kills it first; {@code volumes} removes its anonymous volumes. */
    public void remove(String ref, boolean force, boolean volumes) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            (force ? Verb.FORCE_REMOVE : Verb.REMOVE).check(c.state().status(), c.id(), c.name());
            if (c.state().status() == Status.PAUSED) {
                runtime.resume(c.id());
            }
            if (c.state().running()) {
                ctx.commit(lc, c.withState(c.state().stoppedByUser()));
                stopping.signal(lc, Signals.SIGKILL);
                if (!lc.awaitStopped(Stopping.KILL_WAIT_MILLIS)) {
                    throw BargeException.internal("could not kill running container " + c.id()
                            + ", cannot remove", null);
                }
            }
            removal.removeLocked(lc, volumes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while removing " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    public void rename(String ref, String newName) {
        LiveContainer lc = registry.lookup(ref);
        String name = Names.validate(newName);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.RENAME.check(c.state().status(), c.id(), c.name());
            if (c.name().equals(name)) {
                throw BargeException.invalid("Renaming a container with the same name as its current name");
            }
            registry.reserveName(name, c.id());
            ctx.commit(lc, c.withName(name));
            registry.releaseName(c.name(), c.id());
            events.publish(lc.current(), "rename", Map.of("oldName", c.name()));
        } finally {
            lc.lock.unlock();
        }
    }

    /** {@code docker update}: restart policy and (stored, applied at next start) resources. */
    public List<String> update(String ref, UpdateRequest request) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.UPDATE.check(c.state().status(), c.id(), c.name());
            HostOptions host = c.host();
            if (request.restartPolicy().isPresent()) {
                RestartPolicy p = request.restartPolicy().get();
                if (host.autoRemove() && p.mode() != RestartPolicy.Mode.NO) {
                    throw BargeException.invalid(
                            "Restart policy cannot be updated because AutoRemove is enabled for the container");
                }
                host = host.withRestartPolicy(p);
            }
            List<String> warnings = new ArrayList<>();
            if (request.resources().isPresent()) {
                // stored, applied at the next start: the runtime has no live update yet
                host = host.withResources(request.resources().get());
            }
            ctx.commit(lc, c.withHost(host));
            events.publish(lc.current(), "update");
            return warnings;
        } finally {
            lc.lock.unlock();
        }
    }

    /** Removes stopped containers matching {@code label}/{@code label!}/{@code until}. */
    public PruneResult prune(Map<String, List<String>> filters) {
        Predicate<Container> filter = ContainerFilter.of(filters, ContainerFilter.PRUNE_FILTERS,
                ref -> registry.lookup(ref).current(), this::imageIdOf,
                c -> ctx.health.of(c.id()).map(Health::status).orElse("none"));
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (LiveContainer lc : List.copyOf(registry.all())) {
            lc.lock.lock();
            try {
                Container c = lc.current();
                Status s = c.state().status();
                if ((s == Status.EXITED || s == Status.CREATED || s == Status.DEAD) && filter.test(c)
                        && registry.contains(c.id())) {
                    long rw = sizes(c.id())[0]; // as moby: the writable layers' sizes
                    removal.removeLocked(lc);
                    deleted.add(c.id());
                    reclaimed += rw;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "prune could not remove " + lc.id() + ": " + e.getMessage());
            } finally {
                lc.lock.unlock();
            }
        }
        events.prune(reclaimed);
        return new PruneResult(deleted, reclaimed);
    }

    // ---- attach, resize, logs, top ---------------------------------------------------------------

    /**
     * Attaches to the container's stdio. A running container connects at once; a created or
     * exited one connects when it next starts (as {@code docker run} and {@code start -a} need).
     * The future is cancelled when that start fails or the container is removed first.
     */
    public CompletableFuture<AttachSession> attach(String ref) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.ATTACH.check(c.state().status(), c.id(), c.name());
            CompletableFuture<AttachSession> f = new CompletableFuture<>();
            if (c.state().running()) {
                try {
                    AttachSession session = runtime.attach(c.id());
                    if (runtime.exitCode(c.id()).isPresent()) {
                        // connected to a process that already ended (its exit is not handled yet): this
                        // session would end with nothing, so wait for the next start as for a stopped one
                        // (compose 1.29's run attaches after its start, sees it stopped and starts again)
                        session.close();
                        lc.pendingAttaches.add(f);
                    } else {
                        f.complete(session);
                    }
                } catch (BargeException e) {
                    if (runtime.state(c.id()).status() == dev.barge.runtime.ProcessState.Status.RUNNING) {
                        throw e;
                    }
                    // it just exited and we have not handled the exit yet: as a stopped one, the next
                    // start connects (compose's run starts, attaches, then starts again)
                    lc.pendingAttaches.add(f);
                }
            } else {
                lc.pendingAttaches.add(f);
            }
            events.publish(c, "attach");
            return f;
        } finally {
            lc.lock.unlock();
        }
    }

    public void resize(String ref, int height, int width) {
        LiveContainer lc = registry.lookup(ref);
        Container c = lc.current();
        Verb.RESIZE.check(c.state().status(), c.id(), c.name());
        runtime.resize(c.id(), height, width);
        events.publish(c, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    /** Streams the container's logs to {@code sink}; returns when done (or, following, at exit). */
    public void logs(String ref, LogOptions options, LogSink sink) throws IOException, InterruptedException {
        logs(ref, options, sink, () -> false);
    }

    /** As {@link #logs(String, LogOptions, LogSink)}; following also ends once {@code cancelled} says so. */
    public void logs(String ref, LogOptions options, LogSink sink, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        LiveContainer lc = registry.lookup(ref);
        List<Path> files;
        lc.lock.lock();
        try {
            files = List.of(ctx.previousLog(lc.id()), ctx.currentLog(lc.id()));
        } finally {
            lc.lock.unlock();
        }
        try (var reader = new dev.barge.runtime.logs.LogReader(files, options.window(), () -> {
            Status s = lc.current().state().status();
            return (s.hasProcess() || s == Status.RESTARTING) && !cancelled.getAsBoolean();
        })) {
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                if (options.wants(entry.get())) {
                    sink.accept(entry.get());
                }
            }
        }
    }

    public TopResult top(String ref, String psArgs) {
        Container c = registry.lookup(ref).current();
        if (!c.state().running()) {
            throw BargeException.conflict("Container %s is not running", c.id());
        }
        return ProcessTable.top(c.state().pid(), psArgs.isBlank() ? "-ef" : psArgs);
    }

    /** The container's health as its checks found it; empty without a check or before its first start. */
    public Optional<Health> health(String id) {
        return ctx.health.of(id);
    }

    /**
     * {@code docker ps -s}: bytes the container wrote to its layer, and those plus its image's
     * ({@code SizeRw}, {@code SizeRootFs}); zeros when the layer is gone.
     */
    public long[] sizes(String ref) {
        Container c = registry.lookup(ref).current();
        long rw;
        try {
            rw = Math.max(0, dev.barge.core.FileTrees.size(ctx.images.rootfsChanges(c.id())));
        } catch (RuntimeException e) {
            rw = 0; // no layer (never started on this store) or removed meanwhile
        }
        return new long[] {rw, rw + ctx.images.imageSize(c.imageId())};
    }

    /** One sample of a container's resource use (its cgroup); empty when it is not running. */
    public Optional<dev.barge.runtime.CgroupStats> stats(String ref) {
        Container c = registry.lookup(ref).current();
        return c.state().running() ? Optional.of(dev.barge.runtime.CgroupStats.read(c.id(), c.state().pid()))
                : Optional.empty();
    }

    // ---- exec ----------------------------------------------------------------------------------

    public String execCreate(String ref, ExecRequest request) {
        Container c = registry.lookup(ref).current();
        Verb.EXEC.check(c.state().status(), c.id(), c.name());
        return execs.create(c, request);
    }

    public ExecInfo execInspect(String execId) {
        return execs.get(execId).info();
    }

    /** Throws unless the exec can start (call before hijacking the connection). */
    public ExecInfo execCheckStartable(String execId) {
        Execs.Instance i = execs.get(execId);
        execs.checkStartable(i);
        Container c = registry.lookup(i.container.id()).current();
        Verb.EXEC.check(c.state().status(), c.id(), c.name());
        return i.info();
    }

    /** Starts the exec; the session is empty when detached. */
    public Optional<ExecSession> execStart(String execId, boolean detach) {
        Execs.Instance i = execs.get(execId);
        Container c = registry.lookup(i.container.id()).current();
        Verb.EXEC.check(c.state().status(), c.id(), c.name());
        return execs.start(i, detach);
    }

    /** Blocks (up to {@code millis}) until the exec's exit code is recorded. */
    public void execAwaitExit(String execId, long millis) throws InterruptedException {
        execs.awaitRecorded(execs.get(execId), millis);
    }

    public void execResize(String execId, int height, int width) {
        execs.resize(execs.get(execId), height, width);
    }

    // ---- mounts and files ----------------------------------------------------------------------

    /** The container's mounts (inspect's {@code Mounts}). */
    public List<MountPoint> mounts(String ref) {
        return ctx.mounts.of(registry.lookup(ref).id());
    }

    /** IDs of the containers whose mounts name the volume: the volume service's usage. */
    public List<String> volumeUsers(String volumeName) {
        return ctx.mounts.users(volumeName, registry.all().stream().map(LiveContainer::id).toList());
    }

    /**
     * {@code docker commit}: returns the new image's ID.
     *
     * @param reference {@code repo[:tag]} or empty
     * @param pause     pause a running container while its changes are read (Docker's default)
     */
    public String commit(String ref, String reference, List<String> changes, String comment, String author,
                         boolean pause) {
        return new Commit(ctx).commit(ref, reference, changes, comment, author, pause);
    }

    /** {@code docker cp}, {@code diff}, {@code export}: the container's files. */
    public ContainerFiles files() {
        return new ContainerFiles(ctx);
    }

    // ---- networks --------------------------------------------------------------------------------

    /**
     * {@code docker network connect}: a running container gains an interface at once; a stopped one
     * joins the network at its next start.
     */
    public void connectNetwork(String ref, NetworkRequest.Endpoint endpoint) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            String name = ctx.networking.access().networkName(endpoint.network());
            NetworkRequest.Endpoint named = endpoint.onNetwork(name);
            if (c.state().running()) {
                ctx.networking.write(c.id(), ctx.networking.access().connect(c.id(), named));
            } else if (ctx.networking.request(c.id()).endpoint(name).isPresent()) {
                throw new BargeException(dev.barge.core.ErrorKind.FORBIDDEN,
                        "endpoint with name " + c.shortName() + " already exists in network " + name);
            } else if (ContainerNetworks.isolated(c.host().networkMode())) {
                throw BargeException.invalid("container cannot be connected to network %s: it uses %s networking",
                        name, c.host().networkMode());
            }
            ctx.networking.save(c.id(), ctx.networking.request(c.id()).with(named));
        } finally {
            lc.lock.unlock();
        }
    }

    /** {@code docker network disconnect}. */
    public void disconnectNetwork(String ref, String network, boolean force) {
        LiveContainer lc;
        try {
            lc = registry.lookup(ref);
        } catch (BargeException e) {
            if (force) {
                return; // the container is gone; the network service dropped its endpoints with it
            }
            throw e;
        }
        lc.lock.lock();
        try {
            Container c = lc.current();
            String name = ctx.networking.access().networkName(network);
            if (c.state().running()) {
                ctx.networking.write(c.id(), ctx.networking.access().disconnect(c.id(), name, force));
            }
            NetworkRequest rest = ctx.networking.request(c.id()).without(name);
            if (ContainerNetworks.primary(c.host().networkMode()).equals(name) && !rest.endpoints().isEmpty()) {
                // the next start joins what is left, as Docker: the first other network. With none left
                // the mode stays (Docker keeps HostConfig.NetworkMode): compose disconnects then
                // reconnects the primary network of a created container to set its aliases.
                ctx.commit(lc, c.withHost(ContainerNetworks.withMode(c.host(), rest.endpoints().getFirst().network())));
            }
            ctx.networking.save(c.id(), rest);
        } finally {
            lc.lock.unlock();
        }
    }

    /**
     * {@code DELETE /containers/<parent>/<alias>?link=true}: the parent forgets its legacy link
     * {@code alias}; both containers stay. Its variables and hosts entry go at the next start.
     */
    public void removeLink(String linkName) {
        String name = linkName.startsWith("/") ? linkName : "/" + linkName;
        int slash = name.lastIndexOf('/');
        if (slash == 0) {
            throw BargeException.conflict("Conflict, cannot remove the default link name of the container");
        }
        String alias = name.substring(slash + 1);
        LiveContainer parent;
        try {
            parent = registry.lookup(name.substring(0, slash));
        } catch (BargeException e) {
            throw BargeException.notFound("No such container: %s", linkName);
        }
        parent.lock.lock();
        try {
            NetworkRequest request = ctx.networking.request(parent.id());
            List<String> kept = request.links().stream().filter(l -> !LinkEnv.alias(l).equals(alias)).toList();
            if (kept.size() == request.links().size()) {
                throw BargeException.notFound("No such container: %s", linkName);
            }
            ctx.networking.save(parent.id(), new NetworkRequest(request.endpoints(), kept, request.mac()));
        } finally {
            parent.lock.unlock();
        }
    }

    /** What the container asked of its networks (links, aliases, static addresses), for inspect. */
    public NetworkRequest networkRequest(String ref) {
        return ctx.networking.request(registry.contains(ref) ? ref : registry.lookup(ref).id());
    }

    // ---- persistence, runtime leftovers, restore -------------------------------------------------

}
