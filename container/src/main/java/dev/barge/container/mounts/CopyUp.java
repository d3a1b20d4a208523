package dev.barge.container.mounts;

import dev.barge.core.OffCarrier;
import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Docker's copy-up: a new, empty volume starts with the image's content at its path (owners,
 * modes, xattrs kept). The container's root file system is mounted privately for the copy alone,
 * before the runtime mounts it, so the overlay is never mounted twice at once.
 */
final class CopyUp {
    private CopyUp() {}

    static void fill(Mounts kernel, List<Mount> rootfs, Path mountPoint, List<MountPoint> volumes) {
        if (rootfs.size() != 1) {
            return; // nothing to copy from
        }
        Mount root = rootfs.getFirst();
        try {
            Files.createDirectories(mountPoint);
            kernel.unmount(mountPoint); // a crash may have left one
            kernel.mount(root.type(), root.source(), mountPoint, root.options());
        } catch (IOException e) {
            throw BargeException.internal("cannot mount the root file system to copy image content into volumes: "
                    + e.getMessage(), e);
        }
        try {
            for (MountPoint v : volumes) {
                Path from = ContainerMounts.inRoot(mountPoint, v.destination());
                if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                    copy(from, Path.of(v.source()));
                }
            }
        } finally {
            try {
                kernel.unmount(mountPoint);
                Files.deleteIfExists(mountPoint);
            } catch (IOException e) {
                System.getLogger(CopyUp.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot unmount " + mountPoint + ": " + e.getMessage());
            }
        }
    }

    /** {@code cp -a}: every attribute the kernel keeps, hard links and sparse files included. */
    private static void copy(Path from, Path to) {
        try {
            Process p = new ProcessBuilder("cp", "-aT", from.toString(), to.toString())
                    .redirectErrorStream(true).start();
            // a pipe read holds a virtual thread's carrier for the whole copy: on a platform thread
            String out = new String(OffCarrier.call(p.getInputStream()::readAllBytes));
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw BargeException.internal("cannot copy image content into volume " + to + ": " + out.trim(), null);
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot copy image content into volume " + to + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("interrupted while copying into volume " + to, e);
        }
    }
}
