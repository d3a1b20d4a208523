package dev.barge.runtime.oci;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The host's device nodes under /dev, as {@code --privileged} hands them to the container. */
final class HostDevices {
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");
    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    private HostDevices() {}

    static List<Spec.Device> scan(Path dev) {
        List<Spec.Device> devices = new ArrayList<>();
        try {
            Files.walkFileTree(dev, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(dev) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isOther() || file.getFileName().toString().equals("console")) return FileVisitResult.CONTINUE;
                    device(file).ifPresent(devices::add);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return devices;
    }

    static java.util.Optional<Spec.Device> device(Path file) {
        try {
            int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int kind = mode & S_IFMT;
            if (kind != S_IFCHR && kind != S_IFBLK) return java.util.Optional.empty();
            long rdev = (long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            int uid = (int) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (int) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            return java.util.Optional.of(new Spec.Device(file.toString(), kind == S_IFCHR ? "c" : "b", major, minor,
                    mode & 07777, uid, gid));
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }
}
