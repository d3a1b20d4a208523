package dev.barge.runtime;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs containers with an OCI runtime (runc or crun) under conmon, so that they outlive barged.
 * Knows nothing of images or networks: it gets a rootfs as mounts and a process description.
 *
 * <p>Lifecycle of one container: {@link #create} (bundle written, conmon started, runtime
 * {@code create} done, process not yet running) -> {@link #start} -> exit (reported by
 * {@link #exitCode} and {@link #onExit}) -> {@link #delete}. After a barged restart,
 * {@link #state} and {@link #exitCode} recover everything from conmon's files.
 */
public interface RuntimeDriver {
    /** Writes the bundle and creates the container under conmon; the process waits for {@link #start}. */
    Created create(RunSpec spec);

    /** Starts a created container's process. */
    void start(String id);

    /** Sends a signal to the container's init process. */
    void kill(String id, int signal);

    void pause(String id);

    void resume(String id);

    /** What the runtime says now; {@link ProcessState.Status#UNKNOWN} for a container it does not know. */
    ProcessState state(String id);

    /** The exit code conmon recorded, once the process has exited. */
    Optional<Integer> exitCode(String id);

    /** Calls {@code listener} (on some thread) with the exit code when the process exits. */
    void onExit(String id, Consumer<Integer> listener);

    /** Connects to the container's stdio through conmon's attach socket. */
    AttachSession attach(String id);

    /** Resizes the container's TTY. */
    void resize(String id, int height, int width);

    /** Runs an extra process in a running container (docker exec). */
    ExecSession exec(String id, ExecSpec spec);

    /** Removes the runtime's state, the bundle and conmon's files; the process must have exited. */
    void delete(String id);

    /** The CRI-format log file conmon writes for this container. */
    Path logPath(String id);

    /** The runtime's name, as {@code docker info} shows it ({@code runc}, {@code crun}). */
    String name();

    /**
     * The runtimes this driver looked for, and why the unavailable ones do not work here
     * (crun 1.8 refuses hybrid cgroups). {@link #name()} is an available one.
     */
    default java.util.List<RuntimeInfo> available() {
        return java.util.List.of(new RuntimeInfo(name(), Path.of(name()), true, ""));
    }

    /** @param pid the container's process, waiting for {@link #start} (the same process runs then) */
    record Created(String id, Path bundle, Path logPath, int pid) {}
}
