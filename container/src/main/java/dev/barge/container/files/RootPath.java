package dev.barge.container.files;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path of the container inside its root directory on the host as {@code chroot} would:
 * every symlink met is followed inside the root (an absolute target starts again at the root, a
 * {@code ..} stops at the root), so no path given by a user or planted by the container can lead
 * out of it. The result contains no symlinks except, when {@code followLast} is false, the last
 * component itself.
 *
 * <p>Checked component by component with {@code NOFOLLOW_LINKS}; a running container could swap
 * a directory for a symlink between the check and the use, which the archive code narrows by
 * re-checking the parent before it writes.
 */
public final class RootPath {
    private static final int MAX_LINKS = 255;

    private RootPath() {}

    /** The host path of {@code path} (absolute or relative to {@code /}) inside {@code root}. */
    public static Path resolve(Path root, String path, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.equals(".") || part.isEmpty()) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            boolean last = todo.isEmpty();
            if (Files.isSymbolicLink(candidate) && (followLast || !last)) {
                if (++links > MAX_LINKS) {
                    throw BargeException.invalid("too many levels of symbolic links: %s", path);
                }
                String target = readLink(candidate);
                List<String> next = split(target);
                if (target.startsWith("/")) {
                    done.clear();
                }
                for (int i = next.size() - 1; i >= 0; i--) {
                    todo.addFirst(next.get(i));
                }
                continue;
            }
            done.add(part);
        }
        return join(root, done);
    }

    /** The container path of a host path under {@code root}, with a leading slash. */
    public static String inside(Path root, Path hostPath) {
        Path rel = root.relativize(hostPath);
        String s = rel.toString();
        return s.isEmpty() ? "/" : "/" + s;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw BargeException.internal("cannot read link " + link + ": " + e.getMessage(), e);
        }
    }

    /** True when the host path exists without following a final symlink. */
    public static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
