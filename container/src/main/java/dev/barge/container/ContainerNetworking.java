package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.runtime.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A container's side of networking: its stored {@link NetworkRequest}, joining its networks at
 * start (the namespace for the runtime, /etc/hosts and /etc/resolv.conf rewritten from the
 * networks' view), leaving them at exit, and connect/disconnect while it runs.
 */
final class ContainerNetworking {
    private static final String FILE = "network-request.json";
    private final ContainerContext ctx;
    private final NetworkAccess access;

    ContainerNetworking(ContainerContext ctx, NetworkAccess access) {
        this.ctx = ctx;
        this.access = access;
    }

    NetworkAccess access() {
        return access;
    }

    NetworkRequest request(String id) {
        Path file = ctx.store.dir(id).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return NetworkRequest.none();
        }
        try {
            return Json.parse(Files.readAllBytes(file), NetworkRequest.class);
        } catch (IOException | RuntimeException e) {
            return NetworkRequest.none();
        }
    }

    void save(String id, NetworkRequest request) {
        try {
            Path dir = ctx.store.dir(id);
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.write(tmp, Json.bytes(request));
            Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects a starting container and writes its files; the caller detaches if the start fails later. */
    RunSpec.NetworkNamespace join(Container c) {
        String mode = c.host().networkMode();
        RunSpec.NetworkNamespace fallback = null;
        if (mode.startsWith("container:")) {
            Container other = ctx.registry.lookup(mode.substring("container:".length())).current();
            if (!other.state().running()) {
                throw BargeException.conflict("cannot join network namespace of a non running container: "
                        + "container %s is %s", other.id(), other.state().status().word());
            }
            mode = "container:" + other.id();
            fallback = new RunSpec.NetworkNamespace.Join("/proc/" + other.state().pid() + "/ns/net");
        }
        NetworkAccess.Joined joined = access.attach(c, mode, request(c.id()));
        try {
            write(c.id(), joined);
        } catch (RuntimeException e) {
            access.detach(c.id());
            throw e;
        }
        if (fallback != null && joined.namespace() instanceof RunSpec.NetworkNamespace.Fresh) {
            return fallback; // no network service: share the other container's namespace by its PID
        }
        return joined.namespace();
    }

    void leave(String id) {
        try {
            access.detach(id);
        } catch (RuntimeException e) {
            System.getLogger(ContainerNetworking.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot release the network of " + id + ": " + e.getMessage());
        }
    }

    /** The files a running container sees, rewritten after its networks changed. */
    void write(String id, NetworkAccess.Joined joined) {
        Path dir = ctx.store.dir(id);
        try {
            if (!joined.hostsFile().isEmpty()) {
                Files.writeString(EtcFiles.hosts(dir), joined.hostsFile());
            }
            if (!joined.resolvConf().isEmpty()) {
                Files.writeString(EtcFiles.resolvConf(dir), joined.resolvConf());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
