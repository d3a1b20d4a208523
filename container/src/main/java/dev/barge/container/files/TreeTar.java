package dev.barge.container.files;

import dev.barge.linux.Xattr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a host tree as a tar with the kernel's view of each file: owner, mode, mtime, symlink
 * targets, hard links (by inode), FIFOs and devices. Never follows symlinks, and never descends
 * into another file system (a mount point is written as an empty directory or file), so /proc of
 * a running container or a volume below the path stay out, as in Docker.
 *
 * <p>With {@code whiteouts}, overlay's whiteouts become the tar's: a 0/0 character device
 * {@code x} becomes an empty {@code .wh.x}, an opaque directory gets a {@code .wh..wh..opq}.
 */
public final class TreeTar {
    private final TarArchiveOutputStream out;
    private final boolean whiteouts;
    private final Map<String, String> inodes = new HashMap<>();
    private java.util.function.Predicate<String> skip = name -> false;

    public TreeTar(TarArchiveOutputStream out, boolean whiteouts) {
        this.out = out;
        this.whiteouts = whiteouts;
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Entries whose tar name matches are left out (with what is below them). */
    public TreeTar skipping(java.util.function.Predicate<String> names) {
        this.skip = names;
        return this;
    }

    /** Writes {@code host} (and, for a directory, everything under it) named {@code name}. */
    public void add(Path host, String name) throws IOException {
        walk(host, name, Files.getAttribute(host, "unix:dev", LinkOption.NOFOLLOW_LINKS));
    }

    /** Writes what is inside {@code dir}, names relative to it, staying on {@code dir}'s file system. */
    public void addChildren(Path dir) throws IOException {
        Object dev = Files.getAttribute(dir, "unix:dev");
        for (Path child : children(dir)) {
            walk(child, child.getFileName().toString(), dev);
        }
    }

    private void walk(Path host, String name, Object rootDev) throws IOException {
        if (skip.test(name)) {
            return;
        }
        Map<String, Object> a = Files.readAttributes(host, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & 0170000;
        boolean foreign = !a.get("dev").equals(rootDev);
        if (type == 0140000) {
            return; // sockets are not archived
        }
        if (whiteouts && type == 0020000 && ((Long) a.get("rdev")) == 0L) {
            TarArchiveEntry wh = new TarArchiveEntry(whiteoutName(name));
            wh.setModTime(((FileTime) a.get("lastModifiedTime")).toMillis());
            out.putArchiveEntry(wh);
            out.closeArchiveEntry();
            return;
        }
        TarArchiveEntry e;
        if (type == 0040000) {
            e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        } else if (type == 0120000) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(host).toString());
        } else if (type == 0100000 && ((Integer) a.get("nlink")) > 1 && !foreign) {
            String key = a.get("dev") + ":" + a.get("ino");
            String first = inodes.putIfAbsent(key, name);
            if (first != null) {
                e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
                e.setLinkName(first);
            } else {
                e = new TarArchiveEntry(name);
                e.setSize((Long) a.get("size"));
            }
        } else if (type == 0100000) {
            e = new TarArchiveEntry(name);
            e.setSize(foreign ? 0 : (Long) a.get("size"));
        } else if (type == 0010000) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_FIFO);
        } else {
            e = new TarArchiveEntry(name, type == 0020000 ? TarArchiveEntry.LF_CHR : TarArchiveEntry.LF_BLK);
            long rdev = (Long) a.get("rdev");
            e.setDevMajor((int) ((rdev >> 8) & 0xfff));
            e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & 0xfff00)));
        }
        e.setMode(mode);
        e.setUserId(((Integer) a.get("uid")).longValue());
        e.setGroupId(((Integer) a.get("gid")).longValue());
        e.setModTime(((FileTime) a.get("lastModifiedTime")).toMillis());
        out.putArchiveEntry(e);
        if (e.isFile() && !e.isLink() && e.getSize() > 0) {
            try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
                copy(in, e.getSize());
            }
        }
        out.closeArchiveEntry();
        if (type == 0040000 && !foreign) {
            if (whiteouts && opaque(host)) {
                TarArchiveEntry opq = new TarArchiveEntry(e.getName() + ".wh..wh..opq");
                out.putArchiveEntry(opq);
                out.closeArchiveEntry();
            }
            for (Path child : children(host)) {
                walk(child, e.getName() + child.getFileName(), rootDev);
            }
        }
    }

    /** Copies exactly {@code size} bytes (a file growing meanwhile is cut, one shrinking is padded). */
    private void copy(InputStream in, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        while (left > 0) {
            int n = (int) Math.min(buf.length, left);
            java.util.Arrays.fill(buf, 0, n, (byte) 0);
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static boolean opaque(Path dir) {
        try {
            Optional<byte[]> v = Xattr.get(dir, "trusted.overlay.opaque");
            return v.isPresent() && v.get().length == 1 && v.get()[0] == 'y';
        } catch (IOException e) {
            return false;
        }
    }

    static String whiteoutName(String name) {
        int slash = name.lastIndexOf('/');
        return name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1);
    }

    static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
