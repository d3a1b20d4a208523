package dev.barge.build;

import dev.barge.core.BargeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The build context, unpacked from the request's tar (plain or gzip) into a temporary directory. */
final class BuildContext implements AutoCloseable {
    final Path root;

    private BuildContext(Path root) {
        this.root = root;
    }

    /** @param scratch where to unpack it */
    static BuildContext unpack(InputStream body, Path scratch) {
        Path root;
        try {
            root = Files.createTempDirectory(scratch, "context-");
        } catch (IOException e) {
            throw BargeException.internal("cannot create the build context: " + e.getMessage(), e);
        }
        BuildContext ctx = new BuildContext(root);
        try {
            BufferedInputStream in = new BufferedInputStream(body);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            BufferedInputStream plain = new BufferedInputStream(b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in);
            plain.mark(512);
            byte[] head = plain.readNBytes(512);
            plain.reset();
            boolean tarHeader = head.length >= 262
                    && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
            if (!tarHeader && !isZeros(head)) {
                // docker build - < Dockerfile: the body is the Dockerfile itself, with an empty context
                Files.copy(plain, root.resolve("Dockerfile"));
                return ctx;
            }
            TarArchiveInputStream tar = new TarArchiveInputStream(plain);
            java.util.List<java.util.Map.Entry<Path, java.nio.file.attribute.FileTime>> dirTimes = new java.util.ArrayList<>();
            for (TarArchiveEntry e = next(tar); e != null; e = next(tar)) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    dirTimes.add(java.util.Map.entry(target, java.nio.file.attribute.FileTime.from(e.getModTime().toInstant())));
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(e.getMode()));
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(e.getModTime().toInstant()));
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                }
            }
            // directory times last, after their files are written: COPY's cache key sees them
            for (var d : dirTimes.reversed()) {
                Files.setLastModifiedTime(d.getKey(), d.getValue());
            }
            return ctx;
        } catch (IOException | RuntimeException e) {
            ctx.close();
            throw e instanceof BargeException be ? be
                    : BargeException.invalid("cannot read the build context: %s", e.getMessage());
        }
    }

    /**
     * The next entry, or null at the end. {@code docker build -f - DIR} sends a tar whose last entry
     * lacks its padding and the end-of-archive blocks (the CLI's tar rewriter stops there): that
     * end counts as the end, as dockerd reads it.
     */
    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Truncated")) {
                return null;
            }
            throw e;
        }
    }

    private static boolean isZeros(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
