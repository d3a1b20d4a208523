package dev.barge.container;

import dev.barge.container.files.ArchiveExtractor;
import dev.barge.container.files.PathStat;
import dev.barge.container.files.RootPath;
import dev.barge.container.files.TreeTar;
import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker cp} both ways, {@code diff} and {@code export}. A running container is seen
 * through {@code /proc/<pid>/root} (its own mounts, volumes included); a stopped one by mounting
 * its writable layer over the image for the operation (under its lock, so it cannot start
 * meanwhile), with paths under its volumes and binds sent to their sources.
 */
public final class ContainerFiles {
    private final ContainerContext ctx;

    ContainerFiles(ContainerContext ctx) {
        this.ctx = ctx;
    }

    /** {@code HEAD /archive}: the stat of a path; missing is NOT_FOUND as Docker words it. */
    public PathStat stat(String ref, String path) {
        try (RootView view = RootView.open(ctx, ctx.registry.lookup(ref))) {
            return statIn(view, path);
        } catch (IOException e) {
            throw BargeException.internal("cannot stat " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code GET /archive}: {@code onStat} gets the stat before the first byte of the tar goes out. */
    public void get(String ref, String path, Consumer<PathStat> onStat, OutputStream out) throws IOException {
        try (RootView view = RootView.open(ctx, ctx.registry.lookup(ref))) {
            PathStat stat = statIn(view, path);
            RootView.Located at = view.locate(path, followLast(path));
            onStat.accept(stat);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            new TreeTar(tar, false).add(at.host(), stat.name().equals("/") ? "." : stat.name());
            tar.finish();
            tar.flush();
        }
    }

    /** {@code PUT /archive}: unpacks {@code tar} into the existing directory {@code path}. */
    public void put(String ref, String path, boolean noOverwriteDirNonDir, boolean copyUIDGID, InputStream tar)
            throws IOException {
        LiveContainer lc = ctx.registry.lookup(ref);
        Container c = lc.current();
        if (c.host().readonlyRootfs()) {
            throw new BargeException(dev.barge.core.ErrorKind.FORBIDDEN, "container rootfs is marked read-only");
        }
        try (RootView view = RootView.open(ctx, lc)) {
            RootView.Located at = view.locate(path, true);
            if (!Files.exists(at.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw BargeException.notFound("Could not find the file %s in container %s", path, ref);
            }
            if (!Files.isDirectory(at.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw BargeException.invalid("extraction point is not a directory");
            }
            refuseReadOnlyMount(c.id(), at.containerPath());
            Optional<int[]> owner = copyUIDGID ? Optional.of(Owner.of(c.config().user())) : Optional.empty();
            new ArchiveExtractor(at.root(), at.inner(), noOverwriteDirNonDir, owner).extract(tar);
        }
    }

    /** {@code docker export}: the root file system (volumes and other mounts left out) as a tar. */
    public void export(String ref, OutputStream out) throws IOException {
        try (RootView view = RootView.open(ctx, ctx.registry.lookup(ref))) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            new TreeTar(tar, false).addChildren(view.root());
            tar.finish();
            tar.flush();
        }
    }

    /** {@code docker diff}: the changes in the container's writable layer, sorted by path. */
    public List<Change> changes(String ref) {
        Container c = ctx.registry.lookup(ref).current();
        List<Path> lowers = lowerDirs(ctx.images.prepareRootfs(c.id(), c.imageId()));
        Path upper = ctx.images.rootfsChanges(c.id());
        return Changes.of(upper, lowers);
    }

    /** Writes the writable layer as a layer tar (whiteouts converted) for commit (and the builder's steps). */
    public void writeLayer(String containerId, OutputStream out) throws IOException {
        // A container created but never started has no layer yet: Docker's exists from create, empty.
        ctx.images.prepareRootfs(containerId, ctx.registry.lookup(containerId).current().imageId());
        Path upper = ctx.images.rootfsChanges(containerId);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        new TreeTar(tar, true).skipping(name -> Changes.MOUNT_FILES.contains("/" + name)).addChildren(upper);
        tar.finish();
        tar.flush();
    }

    /** As Docker: copying under a read-only volume or bind is refused, running or not. */
    private void refuseReadOnlyMount(String id, String containerPath) {
        for (var m : ctx.mounts.of(id)) {
            String dest = m.destination();
            if (!m.rw() && (containerPath.equals(dest) || containerPath.startsWith(dest + "/"))) {
                throw new BargeException(dev.barge.core.ErrorKind.FORBIDDEN, "mounted volume is marked read-only");
            }
        }
    }

    private static PathStat statIn(RootView view, String path) throws IOException {
        RootView.Located at = view.locate(path, followLast(path));
        if (!Files.exists(at.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw BargeException.notFound("Could not find the file %s in container %s", path, view.name());
        }
        String link = "";
        if (Files.isSymbolicLink(at.host())) {
            link = view.locate(path, true).containerPath();
        }
        PathStat stat = PathStat.of(baseName(path), at.host(), link);
        if ((path.endsWith("/") || path.endsWith("/.")) && !stat.isDirectory()) {
            throw BargeException.invalid("not a directory: %s", path);
        }
        return stat;
    }

    /** A trailing {@code /} or {@code /.} asks for the directory a symlink points at. */
    private static boolean followLast(String path) {
        return path.endsWith("/") || path.endsWith("/.");
    }

    /** Go's {@code filepath.Base}: {@code /a/b/} -> {@code b}, {@code /a/.} -> {@code .}, {@code /} -> {@code /}. */
    static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/") || p.isEmpty()) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static List<Path> lowerDirs(List<Mount> rootfs) {
        for (Mount m : rootfs) {
            for (String o : m.options()) {
                if (o.startsWith("lowerdir=")) {
                    return java.util.Arrays.stream(o.substring("lowerdir=".length()).split(":")).map(Path::of).toList();
                }
            }
        }
        return List.of();
    }
}
