package dev.barge.build;

import dev.barge.container.Container;
import dev.barge.container.ContainerConfig;
import dev.barge.container.ContainerService;
import dev.barge.container.CreateRequest;
import dev.barge.container.HostOptions;
import dev.barge.container.ImageConfig;
import dev.barge.core.BargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** COPY and ADD sources: matched in a directory and packed as a tar rooted at {@code /}. */
final class ContextFiles {
    private ContextFiles() {
    }

    /** Who owns the copied files: {@code --chown}'s ids, resolved. */
    record Owner(int uid, int gid) {
        static final Owner ROOT = new Owner(0, 0);
    }

    /** {@code --chmod}: octal mode for every copied file and directory, -1 to keep theirs. */
    static int chmod(String chmod, int line) {
        if (chmod.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(chmod, 8) & 07777;
        } catch (NumberFormatException e) {
            throw BargeException.invalid("dockerfile parse error line %d: invalid chmod parameter: %s", line, chmod);
        }
    }

    /** The files COPY/ADD names in {@code root} (wildcards expanded), in the order named. */
    static List<Path> match(Path root, List<String> sources, String keyword) throws IOException {
        List<Path> matched = new ArrayList<>();
        for (String s : sources) {
            String rel = s.replaceFirst("^/+", "").replaceFirst("^\\./", "");
            if (rel.isEmpty() || rel.equals(".")) {
                matched.add(root);
                continue;
            }
            if (rel.matches(".*[*?\\[].*")) {
                Path parent = root.resolve(rel).getParent().normalize();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(rel).getFileName());
                if (Files.isDirectory(parent)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                        List<Path> found = new ArrayList<>();
                        ds.forEach(p -> {
                            if (m.matches(p.getFileName())) {
                                found.add(p);
                            }
                        });
                        found.sort(Comparator.naturalOrder());
                        matched.addAll(found);
                    }
                }
                continue;
            }
            Path p = root.resolve(rel).normalize();
            if (!p.startsWith(root) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw BargeException.invalid(
                        "%s failed: file not found in build context or excluded by .dockerignore: stat %s: file does not exist",
                        keyword, rel);
            }
            matched.add(p);
        }
        if (matched.isEmpty()) {
            throw BargeException.invalid("%s failed: no source files were specified", keyword);
        }
        return matched;
    }

    /**
     * Writes {@code matched} as a tar rooted at {@code /}, placed at {@code dest} as COPY does.
     *
     * @param forcedMode {@link #chmod}'s result
     * @param extract    the sources ADD unpacks when they are tar archives (plain or gzip)
     * @param keepTimes  false for the cache key: Docker's legacy builder keys on content and
     *                   metadata but not on modification times, so {@code touch} keeps the cache
     */
    static void write(List<Path> matched, String dest, Owner owner, int forcedMode, Set<Path> extract,
                      boolean keepTimes, OutputStream out) throws IOException {
        boolean destIsDir = dest.endsWith("/") || matched.size() > 1;
        String base = dest.replaceFirst("^/+", "");
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Entries entries = new Entries(tar, owner, forcedMode, keepTimes);
        for (Path p : matched) {
            String prefix = base.endsWith("/") || base.isEmpty() ? base : base + "/";
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.sorted().toList()) {
                        if (!f.equals(p)) {
                            entries.add(f, prefix + p.relativize(f));
                        }
                    }
                }
            } else if (extract.contains(p) && isArchive(p)) {
                copyArchive(tar, p, prefix, keepTimes);
            } else {
                entries.add(p, destIsDir ? prefix + p.getFileName() : base);
            }
        }
        tar.finish();
        tar.flush();
    }

    /** The cache key's part for copied files: a digest of their tar without modification times. */
    static String contentKey(List<Path> matched, String dest, Owner owner, int forcedMode, Set<Path> extract)
            throws IOException {
        java.security.MessageDigest sha = dev.barge.core.Digest.newSha256();
        try (OutputStream out = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            write(matched, dest, owner, forcedMode, extract, false, out);
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static boolean isArchive(Path p) throws IOException {
        if (!Files.isRegularFile(p) || Files.size(p) < 2) {
            return false;
        }
        byte[] head = new byte[262];
        int n;
        try (var in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        boolean gzip = (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean ustar = n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
        return gzip || ustar;
    }

    /** ADD of a local archive: its entries, as they are, under {@code prefix}. */
    private static void copyArchive(TarArchiveOutputStream out, Path archive, String prefix, boolean keepTimes)
            throws IOException {
        try (var raw = new java.io.BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            var in = new TarArchiveInputStream(gzip ? new java.util.zip.GZIPInputStream(raw) : raw);
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().replaceFirst("^(\\./)+", "").replaceFirst("^/+", "");
                if (name.isEmpty() || name.equals(".") || name.equals("./")) {
                    continue;
                }
                e.setName(prefix + name);
                if (!keepTimes) {
                    e.setModTime(0);
                }
                if (e.isLink()) {
                    e.setLinkName(prefix + e.getLinkName().replaceFirst("^(\\./)+", "").replaceFirst("^/+", ""));
                }
                out.putArchiveEntry(e);
                if (e.isFile()) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        }
    }

    /** Tar entries for context files, with COPY's owner and mode rules. */
    private record Entries(TarArchiveOutputStream tar, Owner owner, int forcedMode, boolean keepTimes) {
        void add(Path f, String name) throws IOException {
            TarArchiveEntry e;
            boolean link = Files.isSymbolicLink(f);
            if (link) {
                e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(f).toString());
            } else if (Files.isDirectory(f)) {
                e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
            } else {
                e = new TarArchiveEntry(name);
                e.setSize(Files.size(f));
            }
            e.setMode(forcedMode < 0 || link ? mode(f, e.isDirectory())
                    : (e.isDirectory() ? 040000 : 0100000) | forcedMode);
            e.setModTime(keepTimes ? Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis() : 0);
            e.setIds(owner.uid(), owner.gid());
            tar.putArchiveEntry(e);
            if (e.isFile() && !link) {
                Files.copy(f, tar);
            }
            tar.closeArchiveEntry();
        }
    }

    private static int mode(Path f, boolean dir) throws IOException {
        if (Files.isSymbolicLink(f)) {
            return TarArchiveEntry.DEFAULT_FILE_MODE;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return (dir ? 040000 : 0100000) | m;
    }

    /** {@code COPY --from}: the named paths of an image (or earlier stage) copied out to {@code dir}. */
    static void exportImage(ContainerService containers, String image, List<String> sources, Path dir,
                            Set<String> live) throws IOException {
        ContainerConfig config = new ContainerConfig("", "", "", false, false, false, false, false, false, List.of(),
                List.of("true"), List.of(), image, "", Map.of(), "", -1, List.of(), List.of(),
                ImageConfig.Healthcheck.NONE);
        Container c = containers.create(new CreateRequest("", config, Optional.of(List.of("")), HostOptions.defaults()));
        live.add(c.id());
        try {
            for (String s : sources) {
                String abs = s.startsWith("/") ? s : "/" + s;
                Path parent = Path.of(abs).getParent();
                Path into = dir.resolve(parent == null ? "" : parent.toString().replaceFirst("^/+", ""));
                Files.createDirectories(into);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                try {
                    containers.files().get(c.id(), abs, stat -> { }, got);
                } catch (BargeException e) {
                    throw BargeException.invalid("COPY failed: stat %s: file does not exist", abs);
                }
                unpack(got.toByteArray(), into);
            }
        } finally {
            try {
                containers.remove(c.id(), true, false);
            } catch (RuntimeException e) {
                // best effort
            }
            live.remove(c.id());
        }
    }

    private static void unpack(byte[] tarBytes, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(tarBytes))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path t = into.resolve(e.getName()).normalize();
                if (!t.startsWith(into)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(t);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(t.getParent());
                    Files.deleteIfExists(t);
                    Files.createSymbolicLink(t, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(t.getParent());
                    Files.copy(tar, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(t, BuildContext.permissions(e.getMode()));
                    Files.setLastModifiedTime(t, java.nio.file.attribute.FileTime.from(e.getModTime().toInstant()));
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
