package dev.barge.container.mounts;

import dev.barge.container.VolumeAccess;
import dev.barge.container.files.RootPath;
import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The mounts of every container: planned at create and stored with it, turned into runtime mounts
 * at each start (volumes readied, empty ones filled from the image), released at each stop, and
 * the anonymous volumes removed with the container when asked.
 */
public final class ContainerMounts {
    private static final System.Logger LOG = System.getLogger(ContainerMounts.class.getName());
    private final VolumeAccess volumes;
    private final Mounts kernel;
    private final Function<String, Path> dirOf;
    private final Map<String, List<MountPoint>> cache = new ConcurrentHashMap<>();

    /** @param dirOf the container directory of an ID, where the table is stored */
    public ContainerMounts(VolumeAccess volumes, Mounts kernel, Function<String, Path> dirOf) {
        this.volumes = volumes;
        this.kernel = kernel;
        this.dirOf = dirOf;
    }

    /** Plans and stores a new container's mounts; {@code mountsOf} looks up another container's (volumes-from). */
    public List<MountPoint> create(String id, List<String> binds, List<MountRequest> requests, List<String> volumesFrom,
                                   List<String> imageVolumes, Function<String, List<MountPoint>> mountsOf) {
        List<MountPoint> planned = new MountPlanner(volumes).plan(binds, requests, volumesFrom, imageVolumes, mountsOf);
        MountTable.save(dirOf.apply(id), planned);
        cache.put(id, planned);
        return planned;
    }

    /** Checks specs without creating anything: for validation before a name is taken. */
    public static void validate(List<String> binds, List<MountRequest> requests) {
        binds.forEach(MountParser::parseBind);
        requests.forEach(MountParser::check);
    }

    public List<MountPoint> of(String id) {
        return cache.computeIfAbsent(id, k -> MountTable.load(dirOf.apply(k)));
    }

    /** IDs of the containers whose mounts name the volume. */
    public List<String> users(String volumeName, List<String> containerIds) {
        return containerIds.stream().filter(id -> of(id).stream()
                .anyMatch(m -> m.isVolume() && m.name().equals(volumeName))).sorted().toList();
    }

    /**
     * The runtime mounts for a start, shallowest destination first. Empty volumes are filled
     * from the image's content at their path first ({@code rootfs} is mounted for that alone).
     */
    public List<Mount> prepare(String id, List<Mount> rootfs) {
        List<MountPoint> table = of(id);
        List<Mount> out = new ArrayList<>();
        List<MountPoint> toFill = new ArrayList<>();
        try {
            for (MountPoint m : table) {
                switch (m.type()) {
                    case "volume" -> {
                        Path data = volumes.acquire(m.name(), id);
                        if (!m.noCopy() && isEmptyDir(data)) {
                            toFill.add(m);
                        }
                        out.add(bind(data.toString(), m, "rprivate"));
                    }
                    case "bind" -> out.add(bind(m.source(), m, m.propagation()));
                    default -> {
                        List<String> options = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
                        options.addAll(m.options());
                        options.add(m.rw() ? "rw" : "ro");
                        out.add(new Mount("tmpfs", "tmpfs", m.destination(), options));
                    }
                }
            }
            if (!toFill.isEmpty()) {
                CopyUp.fill(kernel, rootfs, dirOf.apply(id).resolve("copyup"), toFill);
            }
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
        out.sort(Comparator.comparingInt((Mount m) -> depth(m.target())));
        return out;
    }

    private static Mount bind(String source, MountPoint m, String propagation) {
        return new Mount("bind", source, m.destination(), List.of("rbind", m.rw() ? "rw" : "ro",
                propagation.isEmpty() ? "rprivate" : propagation));
    }

    /**
     * A shareable IPC namespace's /dev/shm ({@code --ipc shareable}): as Docker, a tmpfs on the host
     * in the container's directory, so that a container joining it ({@code --ipc container:<x>}) can
     * bind the same one (a mount inside another mount namespace cannot be bound). Returns its bind.
     */
    public Mount mountShm(String id, long size) {
        Path dir = shmPath(id);
        try {
            Files.createDirectories(dir);
            kernel.unmount(dir); // a leftover of a run that did not end cleanly
            kernel.mount("tmpfs", "shm", dir, List.of("nosuid", "nodev", "noexec", "mode=1777", "size=" + size));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot mount /dev/shm of " + id + ": " + e.getMessage(), e);
        }
        return new Mount("bind", dir.toString(), "/dev/shm", List.of("rbind", "rw"));
    }

    /** Where {@link #mountShm} mounts the container's /dev/shm on the host. */
    public Path shmPath(String id) {
        return dirOf.apply(id).resolve("shm");
    }

    /** The container stopped: its volumes are released (driver-option ones unmounted when unused), its shm unmounted. */
    public void release(String id) {
        Path shm = shmPath(id);
        if (Files.isDirectory(shm)) {
            try {
                kernel.unmount(shm);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unmount " + shm + ": " + e.getMessage());
            }
        }
        for (MountPoint m : of(id)) {
            if (m.isVolume()) {
                try {
                    volumes.release(m.name(), id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot release volume " + m.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The container is gone; with {@code removeAnonymous} its anonymous volumes go too. */
    public void removed(String id, boolean removeAnonymous) {
        List<MountPoint> table = of(id);
        cache.remove(id);
        if (!removeAnonymous) {
            return;
        }
        for (MountPoint m : table) {
            if (m.isVolume() && m.anonymous()) {
                try {
                    volumes.removeIfUnused(m.name());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove volume " + m.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw BargeException.internal("cannot read volume directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Depth of a container path, for mounting parents before children. */
    private static int depth(String p) {
        return (int) p.chars().filter(c -> c == '/').count() - (p.endsWith("/") ? 1 : 0);
    }

    static Path inRoot(Path root, String path) {
        return RootPath.resolve(root, path, true);
    }
}
