package dev.barge.container;

import dev.barge.linux.Xattr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker diff} read from an overlay upper directory: a 0/0 character device is a deleted
 * file, an opaque directory a deleted (then re-created) one; anything else is added when no lower
 * layer has it, else modified. Sorted by path, as Docker sorts them.
 */
final class Changes {
    /** Files the engine bind-mounts over: Docker keeps them in a hidden init layer, so diff and commit skip them. */
    static final java.util.Set<String> MOUNT_FILES = java.util.Set.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf");

    private Changes() {}

    static List<Change> of(Path upper, List<Path> lowers) {
        List<Change> out = new ArrayList<>();
        try {
            Files.walkFileTree(upper, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(upper)) {
                        String path = "/" + upper.relativize(dir);
                        out.add(new Change(path, opaque(dir) ? Change.Kind.DELETED : kind(path, lowers)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String path = "/" + upper.relativize(file);
                    out.add(new Change(path, whiteout(file) ? Change.Kind.DELETED : kind(path, lowers)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.removeIf(c -> MOUNT_FILES.contains(c.path()));
        if (out.stream().noneMatch(c -> c.path().startsWith("/etc/"))) {
            out.removeIf(c -> c.path().equals("/etc") && c.kind() == Change.Kind.MODIFIED);
        }
        out.sort(Comparator.comparing(Change::path));
        return out;
    }

    private static Change.Kind kind(String path, List<Path> lowers) {
        String rel = path.substring(1);
        for (Path lower : lowers) {
            if (Files.exists(lower.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                return Change.Kind.MODIFIED;
            }
        }
        return Change.Kind.ADDED;
    }

    static boolean whiteout(Path file) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        return (((Integer) a.get("mode")) & 0170000) == 0020000 && ((Long) a.get("rdev")) == 0L;
    }

    static boolean opaque(Path dir) {
        try {
            Optional<byte[]> v = Xattr.get(dir, "trusted.overlay.opaque");
            return v.isPresent() && v.get().length == 1 && v.get()[0] == 'y';
        } catch (IOException e) {
            return false;
        }
    }
}
