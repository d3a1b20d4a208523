package dev.barge.container.files;

import dev.barge.core.BargeException;
import dev.barge.linux.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a {@code docker cp} upload into a directory of a container. Every entry's parent is
 * resolved inside the container's root as {@code chroot} would ({@link RootPath}), so a symlink
 * in the container ({@code /x -> /}, {@code /y -> ../../..}) leads back into the root, never out
 * of it; names climbing out of the destination with {@code ..} are refused as Docker refuses them.
 * The entry itself is never followed: an existing symlink in its place is replaced.
 */
public final class ArchiveExtractor {
    private final Path root;
    private final String destination;
    private final boolean noOverwriteDirNonDir;
    private final Optional<int[]> owner;
    private final List<Map.Entry<Path, Instant>> dirTimes = new ArrayList<>();

    /**
     * @param root        the container's root on the host
     * @param destination the container path of the (existing) destination directory, already resolved
     * @param owner       uid and gid to give every entry ({@code copyUIDGID}); empty keeps the archive's
     */
    public ArchiveExtractor(Path root, String destination, boolean noOverwriteDirNonDir, Optional<int[]> owner) {
        this.root = root;
        this.destination = destination;
        this.noOverwriteDirNonDir = noOverwriteDirNonDir;
        this.owner = owner;
    }

    public void extract(InputStream tar) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
            apply(e, in);
        }
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            FileMode.setTimes(dirTimes.get(i).getKey(), dirTimes.get(i).getValue());
        }
    }

    /** The entry's path below the destination, refusing {@code ..} that leaves it. */
    public static List<String> clean(String name, String destination) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw BargeException.invalid("%s is outside of %s", quote(name), quote(destination));
                }
                parts.removeLast();
                continue;
            }
            parts.add(p);
        }
        return parts;
    }

    private void apply(TarArchiveEntry e, InputStream data) throws IOException {
        List<String> parts = clean(e.getName(), destination);
        if (parts.isEmpty()) {
            return; // the destination itself: left as it is
        }
        String parentPath = destination + "/" + String.join("/", parts.subList(0, parts.size() - 1));
        Path parent = RootPath.resolve(root, parentPath, true);
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(parent);
        }
        Path path = parent.resolve(parts.getLast());
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        boolean isDir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (e.isDirectory()) {
            if (exists && !isDir) {
                if (noOverwriteDirNonDir) {
                    throw BargeException.invalid("cannot overwrite non-directory %s with directory %s",
                            quote(RootPath.inside(root, path)), quote(e.getName()));
                }
                Files.delete(path);
            }
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(path);
            }
        } else {
            if (isDir) {
                if (noOverwriteDirNonDir) {
                    throw BargeException.invalid("cannot overwrite directory %s with non-directory %s",
                            quote(RootPath.inside(root, path)), quote(e.getName()));
                }
                deleteTree(path);
            } else if (exists) {
                Files.delete(path);
            }
            if (!create(e, data, path)) {
                return;
            }
        }
        metadata(path, e);
    }

    private boolean create(TarArchiveEntry e, InputStream data, Path path) throws IOException {
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(e.getLinkName())); // the target is the container's business
        } else if (e.isLink()) {
            Path target = RootPath.resolve(root, destination + "/" + String.join("/", clean(e.getLinkName(), destination)),
                    false);
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw BargeException.invalid("invalid hardlink %s -> %s", quote(e.getName()), quote(e.getLinkName()));
            }
            Files.createLink(path, target);
            return false;
        } else if (e.isFIFO()) {
            dev.barge.linux.Mknod.fifo(path, e.getMode());
        } else if (e.isFile()) {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                data.transferTo(out);
            }
        } else {
            return false; // devices and the rest: skipped
        }
        return true;
    }

    private void metadata(Path path, TarArchiveEntry e) throws IOException {
        int uid = owner.map(o -> o[0]).orElse((int) e.getLongUserId());
        int gid = owner.map(o -> o[1]).orElse((int) e.getLongGroupId());
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        if (!e.isSymbolicLink()) {
            FileMode.chmod(path, e.getMode());
        }
        Instant mtime = e.getLastModifiedTime().toInstant();
        if (e.isDirectory()) {
            dirTimes.add(Map.entry(path, mtime));
        } else {
            FileMode.setTimes(path, mtime);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
