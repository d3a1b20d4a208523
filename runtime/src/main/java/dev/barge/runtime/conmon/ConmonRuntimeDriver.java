package dev.barge.runtime.conmon;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.core.Mount;
import dev.barge.linux.Fifos;
import dev.barge.linux.Mounts;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.ProcessState;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.RuntimeDriver;
import dev.barge.runtime.RuntimeInfo;
import dev.barge.runtime.oci.HostFacts;
import dev.barge.runtime.oci.Spec;
import dev.barge.runtime.oci.SpecBuilder;
import dev.barge.runtime.oci.SpecContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link RuntimeDriver} with runc or crun under conmon. Everything it knows lives in files under
 * the exec root ({@link ExecRoot}), so a new instance on the same directory picks up containers
 * a previous barged started: conmon keeps them, their stdio and their exit codes meanwhile.
 */
public final class ConmonRuntimeDriver implements RuntimeDriver, AutoCloseable {
    private final ExecRoot layout;
    private final Mounts mounts;
    private final HostFacts host;
    private final Path conmon;
    private final List<RuntimeInfo> runtimes;
    private final RuntimeInfo defaultRuntime;
    private final long logSizeMax;
    private final ExitWatcher exits;
    private final ExecLauncher execs;

    /**
     * @param execRoot   where bundles, sockets and exit files live (e.g. /run/barge/runtime)
     * @param mounts     the kernel's mount calls (a fake in unit tests)
     * @param host       barged's own capabilities and limits
     * @param preferred  the runtime asked for by configuration, used if it works
     * @param logSizeMax conmon's {@code --log-size-max}, or 0 for none
     */
    public ConmonRuntimeDriver(Path execRoot, Mounts mounts, HostFacts host, Optional<String> preferred, long logSizeMax) {
        this.layout = new ExecRoot(execRoot);
        this.mounts = mounts;
        this.host = host;
        this.logSizeMax = logSizeMax;
        this.conmon = RuntimeProbe.find("conmon").orElseThrow(
                () -> BargeException.unavailable("conmon is not installed"));
        try {
            Files.createDirectories(layout.exitDir());
            Files.createDirectories(execRoot.resolve("containers"));
            this.runtimes = RuntimeProbe.probe(Files.createDirectories(execRoot.resolve("probe")));
            this.exits = new ExitWatcher(layout.exitDir());
        } catch (IOException e) {
            throw BargeException.internal("cannot prepare " + execRoot + ": " + e.getMessage(), e);
        }
        this.defaultRuntime = choose(runtimes, preferred);
        this.execs = new ExecLauncher(layout, host);
    }

    public ConmonRuntimeDriver(Path execRoot) {
        this(execRoot, Mounts.system(), HostFacts.probe(), Optional.empty(), 0);
    }

    private static RuntimeInfo choose(List<RuntimeInfo> runtimes, Optional<String> preferred) {
        return runtimes.stream().filter(RuntimeInfo::available)
                .filter(r -> preferred.map(r.name()::equals).orElse(true)).findFirst()
                .or(() -> runtimes.stream().filter(RuntimeInfo::available).findFirst())
                .orElseThrow(() -> BargeException.unavailable("no working OCI runtime: %s", runtimes));
    }

    @Override
    public List<RuntimeInfo> available() {
        return runtimes;
    }

    @Override
    public String name() {
        return defaultRuntime.name();
    }

    @Override
    public Created create(RunSpec spec) {
        String id = ExecRoot.checkId(spec.id());
        Path bundle = layout.bundle(id);
        if (Files.exists(bundle)) throw BargeException.conflict("container %s already exists in the runtime", id);
        RuntimeInfo runtime = runtimeFor(spec.runtime());
        try {
            Files.createDirectories(layout.rootfs(id));
            Files.writeString(bundle.resolve("runtime"), runtime.name());
            Files.deleteIfExists(layout.exitFile(id));
            mountRootfs(spec.rootfs(), layout.rootfs(id));
            Spec oci = SpecBuilder.build(spec, new SpecContext(layout.rootfs(id), host));
            Files.write(bundle.resolve("config.json"), Json.bytes(oci));
            int pid = startConmon(spec, runtime, bundle);
            return new Created(id, bundle, layout.log(id), pid);
        } catch (IOException e) {
            abandon(id, runtime);
            throw BargeException.internal("cannot create container " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abandon(id, runtime);
            throw e;
        }
    }

    /** Undoes a failed create: whatever the runtime kept, the rootfs mount, the bundle. */
    private void abandon(String id, RuntimeInfo runtime) {
        try {
            new OciRuntime(runtime.name(), runtime.path(), runtimeRoot(runtime.name())).delete(id);
        } catch (RuntimeException ignored) {
            // nothing was created
        }
        cleanUp(id);
    }

    private RuntimeInfo runtimeFor(Optional<String> wanted) {
        if (wanted.isEmpty() || wanted.get().isEmpty()) return defaultRuntime;
        RuntimeInfo info = runtimes.stream().filter(r -> r.name().equals(wanted.get())).findFirst()
                .orElseThrow(() -> BargeException.invalid("unknown or invalid runtime name: %s", wanted.get()));
        // Never fail a run over the runtime choice: fall back to the one that works.
        return info.available() ? info : defaultRuntime;
    }

    private void mountRootfs(List<Mount> rootfs, Path target) throws IOException {
        for (Mount mount : rootfs) {
            Path where = mount.target().isEmpty() ? target : target.resolve(mount.target().replaceFirst("^/+", ""));
            mounts.mount(mount.type(), mount.source(), where, mount.options());
        }
    }

    /**
     * StdinOnce closes stdin when the first attach ends, but as in Docker only without a TTY:
     * a terminal's input stays open, so {@code docker attach} after a detach can still type.
     */
    private static boolean leaveStdinOpen(RunSpec.ProcessSpec process) {
        return !process.stdinOnce() || process.tty();
    }

    /** Returns the container's pid, as conmon reports it once the runtime created the container. */
    private int startConmon(RunSpec spec, RuntimeInfo runtime, Path bundle) {
        String id = spec.id();
        RunSpec.ProcessSpec process = spec.process();
        ConmonCommand command = new ConmonCommand(conmon, id, id, runtime.path(), runtimeRoot(runtime.name()), bundle,
                bundle.resolve("container.pid"), bundle.resolve("conmon.pid"), layout.log(id), layout.exitDir(),
                process.openStdin(), leaveStdinOpen(process), process.tty(), logSizeMax, Optional.empty());
        try (ConmonProcess conmonProcess = ConmonProcess.launch(command.argv(), bundle, List.of(ConmonProcess.Pipe.SYNC))) {
            SyncMessage created = conmonProcess.nextSync();
            if (created.failed()) throw createFailed(created.message());
            return created.data();
        }
    }

    static BargeException createFailed(String message) {
        String text = message.strip();
        boolean userError = text.contains("executable file not found") || text.contains("no such file or directory")
                || text.contains("permission denied") || text.contains("not a directory");
        return new BargeException(userError ? ErrorKind.INVALID_ARGUMENT : ErrorKind.INTERNAL,
                "OCI runtime create failed: " + text);
    }

    private Path runtimeRoot(String runtime) {
        return layout.runtimeState(runtime);
    }

    /** The runtime a container was created with, as its bundle records it. */
    private OciRuntime runtimeOf(String id) {
        Path bundle = layout.bundle(id);
        String name;
        try {
            name = Files.readString(bundle.resolve("runtime")).strip();
        } catch (IOException e) {
            throw BargeException.notFound("No such container: %s", id);
        }
        RuntimeInfo info = runtimes.stream().filter(r -> r.name().equals(name)).findFirst().orElse(defaultRuntime);
        return new OciRuntime(info.name(), info.path(), runtimeRoot(info.name()));
    }

    @Override
    public void start(String id) {
        runtimeOf(id).start(id);
    }

    @Override
    public void kill(String id, int signal) {
        runtimeOf(id).kill(id, signal);
    }

    @Override
    public void pause(String id) {
        runtimeOf(id).pause(id);
    }

    @Override
    public void resume(String id) {
        runtimeOf(id).resume(id);
    }

    @Override
    public ProcessState state(String id) {
        if (!Files.isDirectory(layout.bundle(id))) return new ProcessState(ProcessState.Status.UNKNOWN, 0);
        // conmon writes the exit file once the process is gone: no need to ask the runtime (a process each time)
        if (exitCode(id).isPresent()) return new ProcessState(ProcessState.Status.STOPPED, 0);
        ProcessState state = runtimeOf(id).state(id);
        if (state.status() == ProcessState.Status.UNKNOWN && exitCode(id).isPresent()) {
            return new ProcessState(ProcessState.Status.STOPPED, 0);
        }
        return state;
    }

    @Override
    public Optional<Integer> exitCode(String id) {
        return exits.exitCode(ExecRoot.checkId(id));
    }

    @Override
    public void onExit(String id, Consumer<Integer> listener) {
        exits.onExit(ExecRoot.checkId(id), listener);
    }

    @Override
    public AttachSession attach(String id) {
        if (!Files.isDirectory(layout.bundle(id))) throw BargeException.notFound("No such container: %s", id);
        return new ConmonAttachSession(ConmonAttachSession.connect(layout.bundle(id)));
    }

    @Override
    public void resize(String id, int height, int width) {
        resizeVia(layout.bundle(id).resolve("ctl"), height, width);
    }

    /** conmon's control FIFO: message 1 is a window resize, {@code "1 <height> <width>\n"}. */
    static void resizeVia(Path ctl, int height, int width) {
        try {
            if (!Fifos.writeIfRead(ctl, ("1 " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII))) {
                throw BargeException.conflict("cannot resize: the container is not running");
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot resize: " + e.getMessage(), e);
        }
    }

    @Override
    public ExecSession exec(String id, ExecSpec spec) {
        OciRuntime runtime = runtimeOf(id);
        RuntimeInfo info = runtimes.stream().filter(r -> r.name().equals(runtime.name())).findFirst().orElse(defaultRuntime);
        return execs.exec(conmon, info, runtime.root(), id, spec, logSizeMax);
    }

    @Override
    public void delete(String id) {
        ExecRoot.checkId(id);
        if (!Files.isDirectory(layout.bundle(id))) throw BargeException.notFound("No such container: %s", id);
        runtimeOf(id).delete(id);
        awaitConmon(id);
        cleanUp(id);
    }

    /** A forced delete kills the process; let conmon write its exit file and leave before the bundle goes. */
    private void awaitConmon(String id) {
        try {
            long pid = Long.parseLong(Files.readString(layout.bundle(id).resolve("conmon.pid")).strip());
            Optional<ProcessHandle> conmonProcess = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("conmon")).orElse(false));
            if (conmonProcess.isPresent()) conmonProcess.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // no conmon recorded, or it hangs: remove what we can anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmounts the rootfs, then removes the bundle unless something is still mounted in it. */
    private void cleanUp(String id) {
        Path bundle = layout.bundle(id);
        try {
            mounts.unmount(layout.rootfs(id));
        } catch (IOException e) {
            throw BargeException.internal("cannot unmount rootfs of " + id + ": " + e.getMessage(), e);
        }
        if (MountTable.hasMountUnder(bundle)) {
            throw BargeException.internal("rootfs of " + id + " is still mounted; left " + bundle + " in place", null);
        }
        RuntimeProbe.deleteTree(bundle);
        try {
            Files.deleteIfExists(layout.exitFile(id));
        } catch (IOException ignored) {
            // a stale exit file is overwritten by the next run
        }
    }

    @Override
    public Path logPath(String id) {
        return layout.log(id);
    }

    @Override
    public void close() {
        exits.close();
    }
}
