package dev.barge.volume;

import dev.barge.core.FileTrees;
import dev.barge.core.BargeException;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.linux.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Docker's {@code local} volume driver: named and anonymous volumes as directories under
 * {@code <data-root>/volumes}, or, with driver options ({@code type}, {@code device}, {@code o}),
 * a mount made when the first container starts with it and undone when the last one stops.
 *
 * <p>A volume referenced by any container (running or not, as {@link VolumeUsage} reports) cannot
 * be removed. Methods are safe to call from many threads; one lock orders create and remove.
 */
public final class VolumeService {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Set<String> LOCAL_OPTIONS = Set.of("type", "device", "o", "size");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VolumeStore store;
    private final Mounts mounts;
    private final VolumeUsage usage;
    private final EventBus events;
    private final Map<String, Volume> volumes = new ConcurrentHashMap<>();
    /** Containers running with each mount-on-use volume: the mount lives while this set is not empty. */
    private final Map<String, Set<String>> active = new HashMap<>();

    public VolumeService(Path dataRoot, Mounts mounts, VolumeUsage usage) {
        this(dataRoot, mounts, usage, new EventBus());
    }

    /** With {@code events}: Docker's volume {@code create} and {@code destroy} events. */
    public VolumeService(Path dataRoot, Mounts mounts, VolumeUsage usage, EventBus events) {
        this.events = events;
        this.store = new VolumeStore(dataRoot.resolve("volumes"));
        this.mounts = mounts;
        this.usage = usage;
        for (Volume v : store.loadAll()) {
            volumes.put(v.name(), v);
        }
    }

    /**
     * Creates a volume, or returns the existing one of that name (as Docker does). An empty name
     * gets a random 64-hex one and Docker's anonymous label, whoever asks (a container's
     * {@code VOLUME} or a client's unnamed create): {@code volume prune} without {@code all}
     * removes exactly those, as moby's VolumesService.Create marks them.
     */
    public synchronized Volume create(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        String d = driver.isEmpty() ? Volume.LOCAL : driver;
        if (!d.equals(Volume.LOCAL)) {
            throw BargeException.notFound("error looking up volume plugin %s: plugin \"%s\" not found", d, d);
        }
        String n = name.isEmpty() ? randomName() : validName(name);
        Volume existing = volumes.get(n);
        if (existing != null) {
            return existing;
        }
        for (String key : options.keySet()) {
            if (!LOCAL_OPTIONS.contains(key)) {
                throw BargeException.invalid("create %s: invalid option key: \"%s\"", n, key);
            }
        }
        if (options.containsKey("size")) {
            throw BargeException.invalid("create %s: quota size requested but no quota support", n);
        }
        if (options.containsKey("device") && !options.containsKey("type")) {
            throw BargeException.invalid("create %s: missing required option: \"type\"", n);
        }
        Map<String, String> marked = new HashMap<>(labels);
        if (name.isEmpty()) {
            marked.putIfAbsent(Volume.ANONYMOUS_LABEL, "");
        }
        Volume v = new Volume(n, d, store.data(n).toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                marked, options);
        store.save(v);
        volumes.put(n, v);
        events.publish(Event.now("volume", "create", n, Map.of("driver", d)));
        return v;
    }

    /** An anonymous volume for a container's {@code VOLUME} or {@code -v /path}: random name, Docker's label. */
    public Volume createAnonymous() {
        return create("", Volume.LOCAL, Map.of(), Map.of());
    }

    public Volume inspect(String name) {
        return find(name).orElseThrow(() -> BargeException.notFound("get %s: no such volume", name));
    }

    public Optional<Volume> find(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    /** All volumes, by name. */
    public List<Volume> list() {
        return volumes.values().stream().sorted(Comparator.comparing(Volume::name)).toList();
    }

    /** IDs of the containers using the volume. */
    public List<String> users(String name) {
        return usage.users(name);
    }

    /** Bytes of content in the volume's directory; -1 when unknown. */
    public long size(String name) {
        return FileTrees.size(Path.of(inspect(name).mountpoint()));
    }

    /**
     * Removes a volume. {@code force} makes a missing volume no error; a volume in use is a
     * conflict even with force, as in Docker.
     */
    public synchronized void remove(String name, boolean force) {
        Volume v = volumes.get(name);
        if (v == null) {
            if (force) {
                return;
            }
            throw BargeException.notFound("get %s: no such volume", name);
        }
        List<String> users = usage.users(name);
        if (!users.isEmpty()) {
            throw BargeException.conflict("remove %s: volume is in use - [%s]", name, String.join(", ", users));
        }
        unmountQuietly(v);
        volumes.remove(name);
        store.delete(name);
        events.publish(Event.now("volume", "destroy", name, Map.of("driver", v.driver())));
    }

    /**
     * Removes unused volumes matching {@code filter}: anonymous ones only, unless {@code all}
     * (Docker 23+'s {@code all=true} filter).
     */
    public PruneReport prune(boolean all, Predicate<Volume> filter) {
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Volume v : list()) {
            if ((!all && !v.anonymous()) || !filter.test(v) || !usage.users(v.name()).isEmpty()) {
                continue;
            }
            long size = v.mountsOnUse() ? 0 : Math.max(0, FileTrees.size(Path.of(v.mountpoint())));
            try {
                remove(v.name(), true);
                deleted.add(v.name());
                reclaimed += size;
            } catch (BargeException e) {
                // became used meanwhile: leave it
            }
        }
        return new PruneReport(deleted, reclaimed);
    }

    // ---- use by containers

    /**
     * Makes the volume's content available for a container about to start and returns the host
     * path to bind; mounts a driver-option volume at its first user. Idempotent per container.
     */
    public synchronized Path acquire(String name, String containerId) {
        Volume v = inspect(name);
        Path data = Path.of(v.mountpoint());
        if (v.mountsOnUse()) {
            Set<String> users = active.computeIfAbsent(name, k -> new HashSet<>());
            if (users.isEmpty()) {
                mount(v, data);
            }
            users.add(containerId);
        }
        return data;
    }

    /** The container stopped: a driver-option volume is unmounted when its last user is gone. */
    public synchronized void release(String name, String containerId) {
        Set<String> users = active.get(name);
        if (users != null && users.remove(containerId) && users.isEmpty()) {
            active.remove(name);
            find(name).ifPresent(this::unmountQuietly);
        }
    }

    private void mount(Volume v, Path data) {
        Map<String, String> o = v.options();
        String type = o.getOrDefault("type", "none");
        List<String> options = new ArrayList<>();
        for (String word : o.getOrDefault("o", "").split(",")) {
            if (!word.isEmpty()) {
                options.add(word);
            }
        }
        String device = o.getOrDefault("device", type);
        try {
            mounts.mount(type, device, data, options);
        } catch (IOException e) {
            throw BargeException.internal("error while mounting volume '%s': failed to mount local volume: mount %s:%s, data: %s: %s"
                    .formatted(data, device, data, String.join(",", options), e.getMessage()), e);
        }
    }

    private void unmountQuietly(Volume v) {
        if (!v.mountsOnUse()) {
            return;
        }
        try {
            mounts.unmount(Path.of(v.mountpoint()));
        } catch (IOException e) {
            System.getLogger(VolumeService.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot unmount volume " + v.name() + ": " + e.getMessage());
        }
    }

    static String validName(String name) {
        if (name.length() < 2) {
            throw BargeException.invalid("volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw BargeException.invalid("\"%s\" includes invalid characters for a local volume name, only "
                    + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
                    name);
        }
        return name;
    }

    private static String randomName() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
