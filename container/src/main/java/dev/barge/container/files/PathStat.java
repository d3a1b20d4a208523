package dev.barge.container.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code X-Docker-Container-Path-Stat} carries: the name asked for, size, mode in Go's
 * {@code os.FileMode} bits (not the kernel's), mtime and, for a symlink, its target.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
    // Go's os.FileMode type bits
    static final long GO_DIR = 1L << 31, GO_SYMLINK = 1L << 27, GO_DEVICE = 1L << 26, GO_PIPE = 1L << 25,
            GO_SOCKET = 1L << 24, GO_SETUID = 1L << 23, GO_SETGID = 1L << 22, GO_CHARDEV = 1L << 21,
            GO_STICKY = 1L << 20;

    public static PathStat of(String name, Path host, String linkTarget) throws IOException {
        Map<String, Object> a = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int unixMode = (Integer) a.get("mode");
        return new PathStat(name, (Long) a.get("size"), goMode(unixMode),
                ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant(), linkTarget);
    }

    /** Kernel {@code st_mode} to Go's {@code os.FileMode}. */
    public static long goMode(int st) {
        long m = st & 0777;
        switch (st & 0170000) {
            case 0040000 -> m |= GO_DIR;
            case 0120000 -> m |= GO_SYMLINK;
            case 0020000 -> m |= GO_DEVICE | GO_CHARDEV;
            case 0060000 -> m |= GO_DEVICE;
            case 0010000 -> m |= GO_PIPE;
            case 0140000 -> m |= GO_SOCKET;
            default -> { }
        }
        if ((st & 04000) != 0) {
            m |= GO_SETUID;
        }
        if ((st & 02000) != 0) {
            m |= GO_SETGID;
        }
        if ((st & 01000) != 0) {
            m |= GO_STICKY;
        }
        return m;
    }

    public boolean isDirectory() {
        return (mode & GO_DIR) != 0;
    }
}
