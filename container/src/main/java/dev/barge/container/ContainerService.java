package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.core.event.EventBus;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.RuntimeDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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
    private static final long KILL_WAIT_MILLIS = 30_000;

    private final ImageAccess images;
    private final RuntimeDriver runtime;
    private final ContainerEvents events;
    private final ContainerStore store;
    private final ContainerRegistry registry = new ContainerRegistry();
    private final Execs execs;

    public ContainerService(ImageAccess images, RuntimeDriver runtime, EventBus events, Path dataRoot) {
        this.images = images;
        this.runtime = runtime;
        this.events = new ContainerEvents(events);
        this.store = new ContainerStore(dataRoot);
        this.execs = new Execs(runtime, this.events);
        restore();
    }

    // ---- create, query ------------------------------------------------------------------------

    /** Creates a container; returns it with its new ID and name. */
    public Container create(CreateRequest request) {
        ResolvedImage image = images.resolve(request.config().image());
        HostOptions host = validate(request.host());
        ContainerConfig merged = ConfigMerger.merge(request, image.config());
        List<String> commandLine = ConfigMerger.commandLine(merged);
        String id = Ids.random();
        String name = request.name().isEmpty() ? Names.generate(registry::nameTaken) : Names.validate(request.name());
        registry.reserveName(name, id);
        try {
            if (merged.hostname().isEmpty()) {
                merged = merged.withHostname(host.networkMode().equals("host") ? hostHostname() : id.substring(0, 12));
            }
            Container c = new Container(id, name, Times.nowNanos(), image.id(), commandLine.getFirst(),
                    commandLine.subList(1, commandLine.size()), merged, host, ContainerState.created());
            EtcFiles.write(store.dir(id), merged, host);
            store.save(c);
            registry.add(new LiveContainer(c));
            events.publish(c, "create");
            return c;
        } catch (RuntimeException e) {
            registry.releaseName(name, id);
            store.delete(id);
            throw e;
        }
    }

    private static HostOptions validate(HostOptions host) {
        if (host.autoRemove() && host.restartPolicy().mode() != RestartPolicy.Mode.NO) {
            throw BargeException.invalid("can't create 'AutoRemove' container with restart policy");
        }
        RunSpecBuilder.security(host);
        RunSpecBuilder.binds(host.binds());
        String mode = host.networkMode();
        if (!(mode.isEmpty() || mode.equals("default") || mode.equals("bridge") || mode.equals("none")
                || mode.equals("host") || mode.startsWith("container:"))) {
            throw BargeException.notFound("network %s not found", mode);
        }
        return host.networkMode().isEmpty() ? withNetworkMode(host, "default") : host;
    }

    private static HostOptions withNetworkMode(HostOptions h, String mode) {
        return new HostOptions(h.binds(), mode, h.restartPolicy(), h.autoRemove(), h.capAdd(), h.capDrop(), h.dns(),
                h.dnsSearch(), h.dnsOptions(), h.extraHosts(), h.groupAdd(), h.privileged(), h.readonlyRootfs(),
                h.securityOpt(), h.tmpfs(), h.shmSize(), h.sysctls(), h.ulimits(), h.init(), h.runtime(),
                h.resources(), h.portBindings(), h.publishAllPorts());
    }

    private static String hostHostname() {
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The container and the paths inspect shows. */
    public ContainerDetails inspect(String ref) {
        Container c = registry.lookup(ref).current();
        Path dir = store.dir(c.id());
        return new ContainerDetails(c, EtcFiles.hosts(dir).toString(), EtcFiles.hostname(dir).toString(),
                EtcFiles.resolvConf(dir).toString(), currentLog(c.id()).toString(), execs.idsOf(c.id()));
    }

    /** The containers {@code docker ps} shows, newest first. */
    public List<Container> list(ListOptions options) {
        Predicate<Container> filter = ContainerFilter.of(options.filters(), ContainerFilter.LIST_FILTERS,
                ref -> registry.lookup(ref).current(), this::imageIdOf);
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
            startLocked(lc);
        } finally {
            lc.lock.unlock();
        }
    }

    /** Creates and starts the runtime container; the lock is held. */
    private void startLocked(LiveContainer lc) {
        Container c = lc.current();
        String id = c.id();
        discardRuntime(id);
        long gen = ++lc.generation;
        try {
            List<Mount> rootfs = images.prepareRootfs(id, c.imageId());
            RunSpec spec = RunSpecBuilder.build(c, rootfs, store.dir(id), network(c));
            runtime.create(spec);
            connectPendingAttaches(lc);
            runtime.onExit(id, code -> Thread.ofVirtual().name("exit-" + c.shortId())
                    .start(() -> handleExit(lc, gen, code)));
            runtime.start(id);
        } catch (RuntimeException e) {
            throw startFailed(lc, e);
        }
        int pid = runtime.state(id).pid();
        lc.startedAtMonotonicNanos = System.nanoTime();
        commit(lc, lc.current().withState(lc.current().state().running(pid, Times.nowNanos())));
        events.publish(lc.current(), "start");
    }

    private RunSpec.NetworkNamespace network(Container c) {
        String mode = c.host().networkMode();
        if (mode.equals("host")) {
            return new RunSpec.NetworkNamespace.Host();
        }
        if (mode.startsWith("container:")) {
            Container other = registry.lookup(mode.substring("container:".length())).current();
            if (!other.state().running()) {
                throw BargeException.conflict("cannot join network namespace of a non running container: "
                        + "container %s is %s", other.id(), other.state().status().word());
            }
            return new RunSpec.NetworkNamespace.Join("/proc/" + other.state().pid() + "/ns/net");
        }
        // bridge networking belongs to the network module; until it is wired, loopback only
        return new RunSpec.NetworkNamespace.Fresh();
    }

    private BargeException startFailed(LiveContainer lc, RuntimeException e) {
        lc.generation++;
        String raw = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof BargeException be && be.kind() != dev.barge.core.ErrorKind.INTERNAL
                && StartFailure.exitCode(raw) == 128) {
            return be; // our own validation (no such container to join, bad option): no runtime involved
        }
        String message = StartFailure.describe(raw);
        int code = StartFailure.exitCode(raw);
        try {
            runtime.delete(lc.id());
        } catch (RuntimeException ignored) {
            // nothing was created, or it is already gone
        }
        Container c = lc.current();
        commit(lc, c.withState(c.state().failedStart(code, message, Times.nowNanos())));
        lc.pendingAttaches.forEach(f -> f.completeExceptionally(new BargeException(StartFailure.kind(raw), message)));
        lc.pendingAttaches.clear();
        lc.exited(new WaitResult(code, message));
        if (c.host().autoRemove()) {
            removeLocked(lc);
        }
        return new BargeException(StartFailure.kind(raw), message, e);
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
    private void handleExit(LiveContainer lc, long gen, int code) {
        lc.lock.lock();
        try {
            Container c = lc.current();
            if (gen != lc.generation || !c.state().running()) {
                return;
            }
            commit(lc, c.withState(c.state().exited(code, Times.nowNanos())));
            events.publish(lc.current(), "die", Map.of("exitCode", Integer.toString(code)));
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
        commit(lc, c.withState(c.state().restarting()));
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
                    commit(lc, now.withState(now.state().withStatus(Status.EXITED)));
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
                removeLocked(lc);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auto-remove of " + lc.id() + " failed: " + e.getMessage());
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
            stopLocked(lc, sig, timeout);
            events.publish(lc.current(), "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while stopping " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    private void stopLocked(LiveContainer lc, int signal, int timeoutSeconds) throws InterruptedException {
        Container c = lc.current();
        commit(lc, c.withState(c.state().stoppedByUser()));
        if (c.state().status() == Status.RESTARTING) {
            lc.generation++;
            commit(lc, lc.current().withState(lc.current().state().withStatus(Status.EXITED)));
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
    private void signal(LiveContainer lc, int signal) {
        try {
            runtime.kill(lc.id(), signal);
        } catch (RuntimeException e) {
            if (lc.current().state().running() && runtime.state(lc.id()).status()
                    != dev.barge.runtime.ProcessState.Status.STOPPED) {
                throw e;
            }
        }
        events.publish(lc.current(), "kill", Map.of("signal", Integer.toString(signal)));
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
                commit(lc, c.withState(c.state().stoppedByUser()));
            }
            if (c.state().status() == Status.RESTARTING) {
                lc.generation++;
                commit(lc, lc.current().withState(lc.current().state().withStatus(Status.EXITED)));
                return;
            }
            signal(lc, sig);
            if (sig == Signals.SIGKILL) {
                lc.awaitStopped(KILL_WAIT_MILLIS);
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
                commit(lc, c.withState(c.state().withStatus(Status.RUNNING)));
            }
            if (lc.current().state().running() || lc.current().state().status() == Status.RESTARTING) {
                int sig = signal.filter(s -> !s.isEmpty()).map(Signals::parse)
                        .orElseGet(() -> Signals.stopSignal(c.config()));
                stopLocked(lc, sig, timeoutSeconds.orElse(c.config().stopTimeout() >= 0
                        ? c.config().stopTimeout() : DEFAULT_STOP_TIMEOUT));
                events.publish(lc.current(), "stop");
            }
            startLocked(lc);
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
            commit(lc, c.withState(c.state().withStatus(Status.PAUSED)));
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
            commit(lc, c.withState(c.state().withStatus(Status.RUNNING)));
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

    /** Removes a container; {@code force} kills it first. {@code volumes} is accepted (no volumes yet). */
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
                commit(lc, c.withState(c.state().stoppedByUser()));
                signal(lc, Signals.SIGKILL);
                if (!lc.awaitStopped(KILL_WAIT_MILLIS)) {
                    throw BargeException.internal("could not kill running container " + c.id()
                            + ", cannot remove", null);
                }
            }
            removeLocked(lc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while removing " + ref, e);
        } finally {
            lc.lock.unlock();
        }
    }

    /** Removes everything of a stopped container; the lock is held. */
    private void removeLocked(LiveContainer lc) {
        lc.generation++;
        Container c = lc.current();
        commit(lc, c.withState(c.state().withStatus(Status.REMOVING)));
        discardRuntime(c.id());
        images.removeRootfs(c.id());
        execs.forget(c.id());
        registry.remove(lc);
        store.delete(c.id());
        events.publish(c, "destroy");
        lc.removed(new WaitResult(c.state().exitCode(), c.state().error()));
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
            commit(lc, c.withName(name));
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
            commit(lc, c.withHost(host));
            events.publish(lc.current(), "update");
            return warnings;
        } finally {
            lc.lock.unlock();
        }
    }

    /** Removes stopped containers matching {@code label}/{@code label!}/{@code until}. */
    public PruneResult prune(Map<String, List<String>> filters) {
        Predicate<Container> filter = ContainerFilter.of(filters, ContainerFilter.PRUNE_FILTERS,
                ref -> registry.lookup(ref).current(), this::imageIdOf);
        List<String> deleted = new ArrayList<>();
        for (LiveContainer lc : List.copyOf(registry.all())) {
            lc.lock.lock();
            try {
                Container c = lc.current();
                Status s = c.state().status();
                if ((s == Status.EXITED || s == Status.CREATED || s == Status.DEAD) && filter.test(c)
                        && registry.contains(c.id())) {
                    removeLocked(lc);
                    deleted.add(c.id());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "prune could not remove " + lc.id() + ": " + e.getMessage());
            } finally {
                lc.lock.unlock();
            }
        }
        events.prune(0);
        return new PruneResult(deleted, 0);
    }

    // ---- attach, resize, logs, top ---------------------------------------------------------------

    /**
     * Attaches to the container's stdio. A running container connects at once; a created or
     * exited one connects when it next starts (as {@code docker run} and {@code start -a} need).
     */
    public CompletableFuture<AttachSession> attach(String ref) {
        LiveContainer lc = registry.lookup(ref);
        lc.lock.lock();
        try {
            Container c = lc.current();
            Verb.ATTACH.check(c.state().status(), c.id(), c.name());
            CompletableFuture<AttachSession> f = new CompletableFuture<>();
            if (c.state().running()) {
                f.complete(runtime.attach(c.id()));
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
    public void logs(String ref, LogOptions options, LogReader.Sink sink) throws IOException, InterruptedException {
        logs(ref, options, sink, () -> false);
    }

    /** As {@link #logs(String, LogOptions, LogReader.Sink)}; following also ends once {@code cancelled} says so. */
    public void logs(String ref, LogOptions options, LogReader.Sink sink, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        LiveContainer lc = registry.lookup(ref);
        List<Path> files;
        lc.lock.lock();
        try {
            files = List.of(previousLog(lc.id()), currentLog(lc.id()));
        } finally {
            lc.lock.unlock();
        }
        LogReader.read(files, options, () -> {
            Status s = lc.current().state().status();
            return (s.hasProcess() || s == Status.RESTARTING) && !cancelled.getAsBoolean();
        }, sink);
    }

    public TopResult top(String ref, String psArgs) {
        Container c = registry.lookup(ref).current();
        if (!c.state().running()) {
            throw BargeException.conflict("Container %s is not running", c.id());
        }
        return ProcessTable.top(c.state().pid(), psArgs.isBlank() ? "-ef" : psArgs);
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

    // ---- persistence, runtime leftovers, restore -------------------------------------------------

    private void commit(LiveContainer lc, Container next) {
        lc.set(next);
        if (next.state().status() != Status.REMOVING || registry.contains(next.id())) {
            store.save(next);
        }
    }

    private Path previousLog(String id) {
        return store.dir(id).resolve("previous.log");
    }

    private Path currentLog(String id) {
        try {
            return runtime.logPath(id);
        } catch (RuntimeException e) {
            return store.dir(id).resolve("container.log");
        }
    }

    /** Keeps the last run's log and removes its runtime state, so a new run can be created. */
    private void discardRuntime(String id) {
        Path log = currentLog(id);
        try {
            if (Files.isRegularFile(log) && Files.size(log) > 0) {
                Files.createDirectories(store.dir(id));
                try (var out = Files.newOutputStream(previousLog(id), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    Files.copy(log, out);
                }
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot keep the log of " + id + ": " + e.getMessage());
        }
        if (runtime.state(id).status() != dev.barge.runtime.ProcessState.Status.UNKNOWN) {
            try {
                runtime.delete(id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete runtime state of " + id + ": " + e.getMessage());
            }
        }
    }

    private void restore() {
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
                        startLocked(lc);
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
            removeLocked(lc);
            return false;
        }
        boolean wasUp = s.running() || s.status() == Status.RESTARTING;
        if (wasUp) {
            var now = runtime.state(c.id());
            switch (now.status()) {
                case RUNNING, PAUSED -> {
                    Status st = now.status() == dev.barge.runtime.ProcessState.Status.PAUSED
                            ? Status.PAUSED : Status.RUNNING;
                    commit(lc, c.withState(new ContainerState(st, now.pid(), 0, "", s.startedAtNanos(),
                            s.finishedAtNanos(), false, s.restartCount(), s.manuallyStopped())));
                    long gen = ++lc.generation;
                    lc.startedAtMonotonicNanos = System.nanoTime();
                    runtime.onExit(c.id(), code -> Thread.ofVirtual().start(() -> handleExit(lc, gen, code)));
                    return false;
                }
                default -> {
                    int code = runtime.exitCode(c.id()).orElse(255);
                    commit(lc, c.withState(c.state().exited(code, Times.nowNanos())));
                    events.publish(lc.current(), "die", Map.of("exitCode", Integer.toString(code)));
                }
            }
        }
        ContainerState after = lc.current().state();
        if (c.host().restartPolicy().restartsOnDaemonStart() && !after.manuallyStopped()
                && (wasUp || after.status() == Status.EXITED)) {
            return true;
        }
        if (wasUp && c.host().autoRemove()) {
            removeLocked(lc);
        }
        return false;
    }
}
