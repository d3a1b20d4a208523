package dev.barge.container;

import dev.barge.container.files.RootPath;
import dev.barge.container.mounts.MountPoint;
import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A container's files as the host can reach them for one operation. Running (or paused): its
 * {@code /proc/<pid>/root}, which shows its own mounts. Stopped: its root file system mounted for
 * the operation alone, under the container's lock; paths under a volume or bind resolve inside
 * that mount's source instead.
 */
final class RootView implements AutoCloseable {
    /** Where a container path landed: the root it resolved in, the path inside that root, the host path. */
    record Located(Path root, String inner, Path host, String containerPath) {}

    private final String name;
    private final Path root;
    private final List<MountPoint> mounts;
    private final Runnable onClose;

    private RootView(String name, Path root, List<MountPoint> mounts, Runnable onClose) {
        this.name = name;
        this.root = root;
        this.mounts = mounts;
        this.onClose = onClose;
    }

    static RootView open(ContainerContext ctx, LiveContainer lc) {
        Container c = lc.current();
        if (c.state().running() && c.state().pid() > 0) {
            return new RootView(c.shortName(), Path.of("/proc", Integer.toString(c.state().pid()), "root"), List.of(),
                    () -> { });
        }
        lc.lock.lock();
        try {
            c = lc.current();
            if (c.state().running() && c.state().pid() > 0) {
                lc.lock.unlock();
                return open(ctx, lc);
            }
            List<Mount> rootfs = ctx.images.prepareRootfs(c.id(), c.imageId());
            Path target = mountPoint(ctx, c.id());
            Files.createDirectories(target);
            ctx.kernel.unmount(target); // a crash may have left one
            Mount m = rootfs.getFirst();
            ctx.kernel.mount(m.type(), m.source(), target, m.options());
            List<MountPoint> mounts = ctx.mounts.of(c.id()).stream().filter(p -> !p.type().equals("tmpfs"))
                    .sorted(Comparator.comparingInt((MountPoint p) -> p.destination().length()).reversed()).toList();
            return new RootView(c.shortName(), target, mounts, () -> {
                try {
                    ctx.kernel.unmount(target);
                } catch (IOException e) {
                    System.getLogger(RootView.class.getName()).log(System.Logger.Level.WARNING,
                            "cannot unmount " + target + ": " + e.getMessage());
                } finally {
                    lc.lock.unlock();
                }
            });
        } catch (IOException | RuntimeException e) {
            if (lc.lock.isHeldByCurrentThread()) {
                lc.lock.unlock();
            }
            throw e instanceof BargeException be ? be
                    : BargeException.internal("cannot mount the files of " + c.id() + ": " + e.getMessage(), e);
        }
    }

    static Path mountPoint(ContainerContext ctx, String id) {
        return ctx.store.dir(id).resolve("files-rootfs");
    }

    /** Detaches what a crash left mounted in the container's directory, before it is deleted. */
    static void unmountLeftovers(ContainerContext ctx, String id) {
        for (Path p : List.of(mountPoint(ctx, id), ctx.store.dir(id).resolve("copyup"))) {
            if (Files.isDirectory(p)) {
                try {
                    ctx.kernel.unmount(p);
                } catch (IOException e) {
                    throw BargeException.internal("cannot unmount " + p + ": " + e.getMessage(), e);
                }
            }
        }
    }

    String name() {
        return name;
    }

    Path root() {
        return root;
    }

    /** Resolves {@code path} (chroot-like, see {@link RootPath}), sending paths under a mount to its source. */
    Located locate(String path, boolean followLast) {
        Path host = RootPath.resolve(root, path, followLast);
        String inside = RootPath.inside(root, host);
        for (MountPoint m : mounts) {
            String dest = m.destination();
            if (inside.equals(dest) || inside.startsWith(dest + "/")) {
                Path mroot = Path.of(m.source());
                String inner = inside.substring(dest.length());
                inner = inner.isEmpty() ? "/" : inner;
                Path at = RootPath.resolve(mroot, inner, followLast);
                return new Located(mroot, inner, at.equals(mroot) ? mroot.resolve(".") : at, inside);
            }
        }
        // the root itself may be /proc/<pid>/root, a symlink to lstat: "." makes it the directory
        return new Located(root, inside, host.equals(root) ? root.resolve(".") : host, inside);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
