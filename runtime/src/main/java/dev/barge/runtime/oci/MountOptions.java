package dev.barge.runtime.oci;

import dev.barge.core.Mount;
import java.util.ArrayList;
import java.util.List;

/** Docker's default filesystem mounts, the caller's mounts, and the read-only root. */
public final class MountOptions {
    private MountOptions() {}

    /** /proc, /dev, /dev/pts, /sys, /sys/fs/cgroup, /dev/mqueue, /dev/shm as Docker mounts them. */
    public static SpecOption withDefaultMounts(long shmSize, boolean privileged) {
        return (context, spec) -> {
            String sysMode = privileged ? "rw" : "ro";
            long shmKiB = Math.max(1, shmSize / 1024);
            spec.mounts.addAll(0, List.of(
                    new Spec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                    new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                    new Spec.Mount("/dev/pts", "devpts", "devpts",
                            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                    new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)),
                    new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of(sysMode, "nosuid", "noexec", "nodev")),
                    new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                    new Spec.Mount("/dev/shm", "tmpfs", "shm",
                            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + shmKiB + "k"))));
        };
    }

    /**
     * The caller's mounts; a mount on a default target (say {@code /dev/shm}) replaces the
     * default. Binds get {@code rbind} and {@code rprivate} unless the caller chose otherwise.
     */
    public static SpecOption withMounts(List<Mount> mounts) {
        return (context, spec) -> {
            for (Mount mount : mounts) {
                spec.mounts.removeIf(existing -> existing.destination().equals(mount.target()));
                spec.mounts.add(toSpec(mount));
            }
        };
    }

    static Spec.Mount toSpec(Mount mount) {
        List<String> options = new ArrayList<>(mount.options());
        if (mount.type().equals("bind")) {
            if (!options.contains("bind") && !options.contains("rbind")) options.add(0, "rbind");
            boolean propagation = options.stream().anyMatch(o -> o.matches("r?(private|shared|slave|unbindable)"));
            if (!propagation) options.add("rprivate");
        }
        return new Spec.Mount(mount.target(), mount.type(), mount.source(), options);
    }

    public static SpecOption withReadonlyRootfs(boolean readonly) {
        return (context, spec) -> spec.root = new Spec.Root("rootfs", readonly);
    }
}
