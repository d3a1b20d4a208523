package dev.barge.container.mounts;

import dev.barge.container.VolumeAccess;
import dev.barge.core.BargeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves what a new container mounts, with Docker's precedence: {@code --volumes-from} first,
 * then {@code -v} and {@code --mount} (which replace those at the same destination and may not
 * repeat one), then anonymous volumes for the image's {@code VOLUME}s not already covered.
 * Volumes are created last, once everything is valid; anonymous ones are undone on failure.
 */
final class MountPlanner {
    private final VolumeAccess volumes;

    MountPlanner(VolumeAccess volumes) {
        this.volumes = volumes;
    }

    List<MountPoint> plan(List<String> binds, List<MountRequest> requests, List<String> volumesFrom,
                          List<String> imageVolumes, Function<String, List<MountPoint>> mountsOf) {
        Map<String, MountPoint> byTarget = new LinkedHashMap<>();
        for (String from : volumesFrom) {
            for (MountPoint m : fromContainer(from, mountsOf)) {
                byTarget.put(m.destination(), m);
            }
        }
        List<MountRequest> all = new ArrayList<>();
        binds.forEach(b -> all.add(MountParser.parseBind(b)));
        requests.forEach(r -> all.add(MountParser.check(r)));
        Map<String, MountRequest> own = new LinkedHashMap<>();
        for (MountRequest r : all) {
            String target = Path.of(r.target()).normalize().toString();
            if (own.putIfAbsent(target, r) != null) {
                throw BargeException.invalid("Duplicate mount point: %s", target);
            }
        }
        for (String v : imageVolumes) {
            String target = Path.of(v).normalize().toString();
            if (!own.containsKey(target) && !byTarget.containsKey(target)) {
                own.put(target, new MountRequest(MountRequest.Type.VOLUME, "", target, false, "", true, false, "", 0,
                        0, Map.of(), Map.of()));
            }
        }
        List<String> created = new ArrayList<>();
        try {
            own.forEach((target, r) -> byTarget.put(target, resolve(target, r, created)));
        } catch (RuntimeException e) {
            created.forEach(volumes::removeIfUnused);
            throw e;
        }
        return List.copyOf(byTarget.values());
    }

    private MountPoint resolve(String target, MountRequest r, List<String> created) {
        String propagation = r.propagation().isEmpty() ? "rprivate" : r.propagation();
        return switch (r.type()) {
            case BIND -> {
                createHostPath(r);
                yield new MountPoint("bind", "", r.source(), target, "", r.mode(), !r.readOnly(), propagation,
                        false, false, List.of());
            }
            case VOLUME -> {
                boolean anonymous = r.source().isEmpty();
                String name = anonymous ? volumes.createAnonymous() : r.source();
                if (anonymous) {
                    created.add(name);
                }
                String source = anonymous ? volumes.mountpoint(name)
                        : volumes.ensure(name, r.driverOptions(), r.volumeLabels());
                String mode = r.fromBindFlag() ? r.mode() : (r.readOnly() ? "ro" : "z");
                yield new MountPoint("volume", name, source, target, "local", mode.isEmpty() ? "z" : mode,
                        !r.readOnly(), "", anonymous, r.noCopy(), List.of());
            }
            case TMPFS -> {
                List<String> options = new ArrayList<>();
                if (r.tmpfsSize() > 0) {
                    options.add("size=" + r.tmpfsSize());
                }
                if (r.tmpfsMode() > 0) {
                    options.add("mode=" + Integer.toOctalString(r.tmpfsMode()));
                }
                yield new MountPoint("tmpfs", "", "", target, "", "", !r.readOnly(), "", false, false, options);
            }
        };
    }

    /** {@code -v /missing:/x} creates the host directory, as Docker does. */
    private static void createHostPath(MountRequest r) {
        Path source = Path.of(r.source());
        if (r.fromBindFlag() && !Files.exists(source)) {
            try {
                Files.createDirectories(source);
            } catch (IOException e) {
                throw BargeException.invalid("error while creating mount source path '%s': %s", source, e.getMessage());
            }
        }
    }

    /** {@code c[:ro|rw]}: the other container's mounts, with the access mode overridden when given. */
    private static List<MountPoint> fromContainer(String spec, Function<String, List<MountPoint>> mountsOf) {
        int colon = spec.lastIndexOf(':');
        String ref = spec;
        String access = "";
        if (colon > 0) {
            ref = spec.substring(0, colon);
            access = spec.substring(colon + 1);
            if (!access.equals("ro") && !access.equals("rw")) {
                throw BargeException.invalid("invalid mode: %s", access);
            }
        }
        List<MountPoint> out = new ArrayList<>();
        for (MountPoint m : mountsOf.apply(ref)) {
            if (m.type().equals("tmpfs")) {
                continue;
            }
            boolean rw = access.isEmpty() ? m.rw() : access.equals("rw");
            out.add(m.withAccess(rw, access.isEmpty() ? m.mode() : access));
        }
        return out;
    }
}
