package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Mount;
import dev.barge.runtime.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --pid}, {@code --ipc} and {@code --uts}: checked at create with Docker's words, resolved at
 * start into the runtime's namespaces ({@code container:<x>} becomes {@code /proc/<pid>/ns/...} of
 * that running container, as {@code --network container:<x>} does) and the /dev/shm to share.
 */
final class ContainerNamespaces {
    private static final Set<String> PRIVATE_IPC = Set.of("", "private", "shareable", "none");

    private ContainerNamespaces() {}

    /** What Docker's {@code verifyPlatformContainerSettings} refuses. */
    static void validate(NamespaceModes modes) {
        if (!PRIVATE_IPC.contains(modes.ipc()) && !valid(modes.ipc())) {
            throw BargeException.invalid("invalid IPC mode: %s", modes.ipc());
        }
        if (!modes.pid().isEmpty() && !valid(modes.pid())) {
            throw BargeException.invalid("invalid PID mode: %s", modes.pid());
        }
        if (!modes.uts().isEmpty() && !valid(modes.uts())) {
            throw BargeException.invalid("invalid UTS mode: %s", modes.uts());
        }
    }

    private static boolean valid(String mode) {
        return mode.equals("host") || NamespaceModes.isContainer(mode) && !NamespaceModes.target(mode).isEmpty();
    }

    /**
     * The namespaces and, for a shared IPC namespace, the /dev/shm bind that goes with it.
     *
     * @param lookup finds a container by name or ID ("No such container" otherwise)
     */
    record Resolved(RunSpec.Namespaces namespaces, Optional<Mount> shm) {
        static final Resolved PRIVATE = new Resolved(RunSpec.Namespaces.PRIVATE, Optional.empty());

        /** The same namespaces with this /dev/shm bind. */
        Resolved withShm(Mount bind) {
            return new Resolved(namespaces, Optional.of(bind));
        }

        /** The /dev/shm bind after the user's mounts, so it replaces the default tmpfs. */
        List<Mount> mounts(List<Mount> mounts) {
            if (shm.isEmpty()) {
                return mounts;
            }
            List<Mount> out = new java.util.ArrayList<>(mounts);
            out.removeIf(m -> m.target().equals("/dev/shm"));
            out.add(shm.get());
            return out;
        }
    }

    /** @param shmOf where a shareable container's /dev/shm is mounted on the host */
    static Resolved resolve(NamespaceModes modes, Function<String, Container> lookup, Function<String, Path> shmOf) {
        if (modes.equals(NamespaceModes.DEFAULT)) {
            return Resolved.PRIVATE;
        }
        RunSpec.Sharing pid = switch (modes.pid()) {
            case "", "private" -> new RunSpec.Sharing.Private();
            case "host" -> new RunSpec.Sharing.Host();
            default -> new RunSpec.Sharing.Join(nsPath(pidDonor(NamespaceModes.target(modes.pid()), lookup), "pid"));
        };
        RunSpec.Sharing uts = switch (modes.uts()) {
            case "", "private" -> new RunSpec.Sharing.Private();
            case "host" -> new RunSpec.Sharing.Host();
            default -> new RunSpec.Sharing.Join(nsPath(running(NamespaceModes.target(modes.uts()), lookup), "uts"));
        };
        RunSpec.Sharing ipc;
        Optional<Mount> shm = Optional.empty();
        if (modes.ipc().equals("host")) {
            ipc = new RunSpec.Sharing.Host();
            shm = Optional.of(shmBind("/dev/shm"));
        } else if (NamespaceModes.isContainer(modes.ipc())) {
            Container donor = ipcDonor(NamespaceModes.target(modes.ipc()), lookup);
            ipc = new RunSpec.Sharing.Join(nsPath(donor, "ipc"));
            shm = Optional.of(shmBind(shmSource(donor, lookup, shmOf)));
        } else {
            ipc = new RunSpec.Sharing.Private();
        }
        return new Resolved(new RunSpec.Namespaces(pid, ipc, uts), shm);
    }

    /** The host path of a donor's /dev/shm: its own, the host's, or (joined itself) its donor's. */
    private static String shmSource(Container donor, Function<String, Container> lookup, Function<String, Path> shmOf) {
        Container c = donor;
        for (int hops = 0; hops < 8 && NamespaceModes.isContainer(c.host().namespaces().ipc()); hops++) {
            c = lookup.apply(NamespaceModes.target(c.host().namespaces().ipc()));
        }
        return c.host().namespaces().ipc().equals("host") ? "/dev/shm" : shmOf.apply(c.id()).toString();
    }

    private static Mount shmBind(String source) {
        return new Mount("bind", source, "/dev/shm", List.of("rbind", "rw"));
    }

    private static String nsPath(Container c, String type) {
        return "/proc/" + c.state().pid() + "/ns/" + type;
    }

    /** As moby's {@code getPidContainer}: a missing one is named in its words, a stopped one a conflict. */
    private static Container pidDonor(String ref, Function<String, Container> lookup) {
        try {
            return running(ref, lookup);
        } catch (BargeException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw BargeException.notFound("cannot join PID of a non running container: %s: %s", ref,
                        e.getMessage());
            }
            throw e;
        }
    }

    /** As moby's {@code getIPCContainer}: the donor must run and share its IPC (shareable or host). */
    private static Container ipcDonor(String ref, Function<String, Container> lookup) {
        Container donor;
        try {
            donor = running(ref, lookup);
        } catch (BargeException e) {
            throw e.kind() == ErrorKind.NOT_FOUND ? BargeException.invalid("%s", e.getMessage()) : e;
        }
        String mode = donor.host().namespaces().ipc();
        if (!(mode.equals("shareable") || mode.equals("host") || NamespaceModes.isContainer(mode))) {
            throw BargeException.invalid("container %s: non-shareable IPC (hint: use IpcMode:shareable for the "
                    + "donor container)", ref);
        }
        return donor;
    }

    private static Container running(String ref, Function<String, Container> lookup) {
        Container c = lookup.apply(ref);
        if (!c.state().running()) {
            throw BargeException.conflict("container %s is not running", c.id());
        }
        return c;
    }
}
