package dev.barge.store;

import dev.barge.core.FileTrees;
import dev.barge.core.BargeException;
import dev.barge.linux.FileMode;
import dev.barge.linux.Mknod;
import dev.barge.linux.Xattr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one uncompressed layer tar into an (empty) directory, the way overlay2 wants it.
 *
 * <p>Whiteouts: {@code .wh.name} becomes a character device 0/0 named {@code name};
 * {@code .wh..wh..opq} marks its directory opaque ({@code trusted.overlay.opaque=y}); other
 * {@code .wh..wh.*} (AUFS bookkeeping) are skipped. Ownership, modes, mtimes and PAX
 * {@code SCHILY.xattr.*} attributes are applied.
 *
 * <p>Refused with {@code INVALID_ARGUMENT}, as a layer must never write outside its directory:
 * names that climb out with {@code ..} (absolute names are made relative first, as Docker
 * does), relative symlinks pointing out of the layer (Docker refuses these too), writing
 * through a symlink whose target leaves the layer, hard links to outside, and device nodes
 * (FIFOs and 0/0 whiteouts are fine). Symlinks met while resolving a path are followed inside
 * the layer only, an absolute target meaning the layer's root, as in the container.
 *
 * <p>Not transactional: on failure the caller removes the directory (the layer store unpacks
 * into a temporary one).
 */
public final class TarExtractor {
    private static final int MAX_SYMLINK_HOPS = 40;
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final Path root;
    private final List<Map.Entry<Path, Instant>> directoryTimes = new ArrayList<>();
    private long size;

    private TarExtractor(Path root) {
        this.root = root;
    }

    /** Unpacks {@code tar} into {@code target}; returns the bytes of regular-file content written. */
    public static long extract(InputStream tar, Path target) throws IOException {
        TarExtractor x = new TarExtractor(target.toAbsolutePath().normalize());
        x.run(tar);
        return x.size;
    }

    private void run(InputStream in) throws IOException {
        TarArchiveInputStream tar = StrictTarInputStream.of(in);
        for (TarArchiveEntry e; (e = next(tar)) != null; ) {
            apply(e, tar);
        }
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            setTime(directoryTimes.get(i).getKey(), directoryTimes.get(i).getValue());
        }
    }

    private void apply(TarArchiveEntry e, InputStream data) throws IOException {
        String name = e.getName();
        List<String> parts = clean(name, name);
        if (parts.isEmpty()) {
            if (e.isDirectory()) {
                applyMetadata(root, e);
            }
            return;
        }
        String base = parts.getLast();
        if (base.startsWith(WHITEOUT)) {
            applyWhiteout(parts, base, name);
            return;
        }
        Path parent = resolve(parts.subList(0, parts.size() - 1), true, name);
        Files.createDirectories(parent);
        Path path = parent.resolve(base);
        if (e.isDirectory()) {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                removeExisting(path);
                Files.createDirectory(path);
            }
        } else {
            removeExisting(path);
            create(e, data, path, parts, name);
        }
        if (!e.isLink()) {
            applyMetadata(path, e);
        }
    }

    private void create(TarArchiveEntry e, InputStream data, Path path, List<String> parts, String name) throws IOException {
        if (e.isSymbolicLink()) {
            checkSymlinkTarget(parts, e.getLinkName(), name);
            Files.createSymbolicLink(path, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
            List<String> targetParts = clean(e.getLinkName(), name);
            Path target = resolve(targetParts, false, name);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw bad(name, "hard link target " + e.getLinkName() + " is not a file of this layer");
            }
            Files.createLink(path, target);
        } else if (e.isCharacterDevice() && e.getDevMajor() == 0 && e.getDevMinor() == 0) {
            Mknod.whiteout(path);
        } else if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw bad(name, "device nodes are not allowed in image layers");
        } else if (e.isFIFO()) {
            Mknod.fifo(path, e.getMode());
        } else if (e.isFile()) {
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size += copy(data, out, name);
            }
        } else {
            throw bad(name, "unsupported tar entry type '" + (char) e.getLinkFlag() + "'");
        }
    }

    /** The next entry; a malformed or truncated tar is the client's error, not the disk's. */
    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw BargeException.invalid("invalid layer tar: %s", e.getMessage());
        }
    }

    /** Copies an entry's data; read failures (a truncated tar) are INVALID_ARGUMENT, write failures stay I/O errors. */
    private static long copy(InputStream data, OutputStream out, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = data.read(buffer);
            } catch (IOException e) {
                throw bad(name, e.getMessage());
            }
            if (n < 0) {
                return total;
            }
            out.write(buffer, 0, n);
            total += n;
        }
    }

    private void applyWhiteout(List<String> parts, String base, String name) throws IOException {
        Path parent = resolve(parts.subList(0, parts.size() - 1), true, name);
        Files.createDirectories(parent);
        if (base.equals(OPAQUE)) {
            Xattr.set(parent, "trusted.overlay.opaque", new byte[] {'y'});
        } else if (!base.startsWith(WHITEOUT + WHITEOUT)) {
            String hidden = base.substring(WHITEOUT.length());
            clean(hidden, name);
            Path path = parent.resolve(hidden);
            removeExisting(path);
            Mknod.whiteout(path);
        }
    }

    private void applyMetadata(Path path, TarArchiveEntry e) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith(XATTR_PREFIX)) {
                Xattr.set(path, h.getKey().substring(XATTR_PREFIX.length()), h.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!e.isSymbolicLink()) {
            FileMode.chmod(path, e.getMode());
        }
        Instant mtime = e.getLastModifiedTime().toInstant();
        if (e.isDirectory()) {
            directoryTimes.add(Map.entry(path, mtime));
        } else {
            setTime(path, mtime);
        }
    }

    private static void setTime(Path path, Instant time) throws IOException {
        FileMode.setTimes(path, time);
    }

    /**
     * The path of {@code parts} below the root, following symlinks (all of them, or all but the
     * last) inside the layer only. Refuses anything that would leave the root.
     */
    private Path resolve(List<String> parts, boolean followLast, String entry) throws IOException {
        Deque<String> todo = new ArrayDeque<>(parts);
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (done.isEmpty()) {
                    throw bad(entry, "path escapes the layer through a symlink");
                }
                done.removeLast();
                continue;
            }
            Path p = join(done).resolve(part);
            if ((followLast || !todo.isEmpty()) && Files.isSymbolicLink(p)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw bad(entry, "too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(p).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                String[] t = target.split("/");
                for (int i = t.length - 1; i >= 0; i--) {
                    todo.addFirst(t[i]);
                }
                continue;
            }
            if (!todo.isEmpty() && Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw bad(entry, p.getFileName() + " is not a directory");
            }
            done.add(part);
        }
        return join(done);
    }

    private Path join(List<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    /** A relative symlink must stay inside the layer when read from its own directory. */
    private static void checkSymlinkTarget(List<String> parts, String target, String entry) {
        if (target.startsWith("/")) {
            return;
        }
        List<String> joined = new ArrayList<>(parts.subList(0, parts.size() - 1));
        joined.addAll(List.of(target.split("/")));
        try {
            clean(String.join("/", joined), entry);
        } catch (BargeException e) {
            throw bad(entry, "symlink target " + target + " points outside the layer");
        }
    }

    /** Lexically cleaned components of a tar name, made relative; refuses climbing above the root. */
    static List<String> clean(String name, String entry) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw bad(entry, "path escapes the layer");
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private static void removeExisting(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.delete(path);
        } catch (DirectoryNotEmptyException e) {
            FileTrees.delete(path);
        }
    }

    private static BargeException bad(String entry, String why) {
        return BargeException.invalid("invalid layer tar entry \"%s\": %s", entry, why);
    }
}
