package dev.barge.container;

import dev.barge.container.mounts.ContainerMounts;
import dev.barge.linux.Mounts;
import dev.barge.runtime.RuntimeDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the parts of the container service share: its collaborators, the registry, and the two
 * chores every verb needs, saving a changed record and clearing a finished run's runtime state.
 */
final class ContainerContext {
    private static final System.Logger LOG = System.getLogger(ContainerContext.class.getName());
    final ImageAccess images;
    final RuntimeDriver runtime;
    final ContainerEvents events;
    final ContainerStore store;
    final ContainerRegistry registry = new ContainerRegistry();
    final Execs execs;
    final ContainerMounts mounts;
    final Mounts kernel;
    final ContainerNetworking networking;
    final HealthChecks health = new HealthChecks(this);

    ContainerContext(ImageAccess images, RuntimeDriver runtime, ContainerEvents events, ContainerStore store,
                     VolumeAccess volumes, Mounts kernel, NetworkAccess networks) {
        this.kernel = kernel;
        this.mounts = new ContainerMounts(volumes, kernel, store::dir);
        this.images = images;
        this.runtime = runtime;
        this.events = events;
        this.store = store;
        this.execs = new Execs(runtime, events);
        this.networking = new ContainerNetworking(this, networks);
    }

    /** Replaces a container's record (lock held) and saves it, unless it is being removed for good. */
    void commit(LiveContainer lc, Container next) {
        lc.set(next);
        if (next.state().status() != Status.REMOVING || registry.contains(next.id())) {
            store.save(next);
        }
    }

    Path previousLog(String id) {
        return store.dir(id).resolve("previous.log");
    }

    Path currentLog(String id) {
        try {
            return runtime.logPath(id);
        } catch (RuntimeException e) {
            return store.dir(id).resolve("container.log");
        }
    }

    /** Keeps the last run's log and removes its runtime state, so a new run can be created. */
    void discardRuntime(String id) {
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
}
