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

    /**
     * @param chmod   octal mode for every copied file and directory, empty to keep theirs
     * @param extract ADD: local tar archives (plain or gzip) are unpacked into {@code dest}
     */
    static byte[] tar(Path root, List<String> sources, String dest, String chown, String chmod, boolean extract,
                      int line) throws IOException {
        int forcedMode = -1;
        if (!chmod.isEmpty()) {
            try {
                forcedMode = Integer.parseInt(chmod, 8) & 07777;
            } catch (NumberFormatException e) {
                throw BargeException.invalid("Dockerfile:%d invalid chmod parameter: %s", line, chmod);
            }
        }
        int uid = 0;
        int gid = 0;
        if (!chown.isEmpty()) {
            String[] ug = chown.split(":", 2);
            try {
                uid = Integer.parseInt(ug[0]);
                gid = ug.length > 1 ? Integer.parseInt(ug[1]) : uid;
            } catch (NumberFormatException e) {
                throw BargeException.invalid("Dockerfile:%d only numeric --chown is supported: %s", line, chown);
            }
        }
        List<Path> matched = new ArrayList<>();
        boolean glob = false;
        for (String s : sources) {
            String rel = s.replaceFirst("^/+", "").replaceFirst("^\\./", "");
            if (s.startsWith("http://") || s.startsWith("https://")) {
                throw BargeException.invalid("Dockerfile:%d ADD from a URL is not supported yet: %s", line, s);
            }
            if (rel.isEmpty() || rel.equals(".")) {
                matched.add(root);
                continue;
            }
            if (rel.matches(".*[*?\\[].*")) {
                glob = true;
                Path parent = root.resolve(rel).getParent().normalize();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(rel).getFileName());
                if (Files.isDirectory(parent)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                        for (Path p : ds) {
                            if (m.matches(p.getFileName())) {
                                matched.add(p);
                            }
                        }
                    }
                }
                continue;
            }
            Path p = root.resolve(rel).normalize();
            if (!p.startsWith(root) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw BargeException.invalid(
                        "COPY failed: file not found in build context or excluded by .dockerignore: stat %s: file does not exist",
                        rel);
            }
            matched.add(p);
        }
        if (matched.isEmpty()) {
            throw BargeException.invalid("COPY failed: no source files were specified");
        }
        boolean destIsDir = dest.endsWith("/") || matched.size() > 1 || glob;
        String base = dest.replaceFirst("^/+", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : matched) {
                if (Files.isDirectory(p)) {
                    String prefix = base.endsWith("/") || base.isEmpty() ? base : base + "/";
                    try (Stream<Path> walk = Files.walk(p)) {
                        for (Path f : walk.sorted().toList()) {
                            if (f.equals(p)) {
                                continue;
                            }
                            add(tar, f, prefix + p.relativize(f), uid, gid, forcedMode);
                        }
                    }
                } else if (extract && isArchive(p)) {
                    String prefix = base.endsWith("/") || base.isEmpty() ? base : base + "/";
                    copyArchive(tar, p, prefix);
                } else {
                    String name = destIsDir ? (base.endsWith("/") ? base : base + "/") + p.getFileName() : base;
                    add(tar, p, name, uid, gid, forcedMode);
                }
            }
        }
        return bytes.toByteArray();
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
    private static void copyArchive(TarArchiveOutputStream out, Path archive, String prefix) throws IOException {
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

    private static void add(TarArchiveOutputStream tar, Path f, String name, int uid, int gid, int forcedMode)
            throws IOException {
        TarArchiveEntry e;
        if (Files.isSymbolicLink(f)) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(f).toString());
        } else if (Files.isDirectory(f)) {
            e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        } else {
            e = new TarArchiveEntry(name);
            e.setSize(Files.size(f));
        }
        e.setMode(forcedMode < 0 || Files.isSymbolicLink(f) ? mode(f, e.isDirectory())
                : (e.isDirectory() ? 040000 : 0100000) | forcedMode);
        e.setModTime(Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS));
        e.setIds(uid, gid);
        tar.putArchiveEntry(e);
        if (e.isFile() && !Files.isSymbolicLink(f)) {
            Files.copy(f, tar);
        }
        tar.closeArchiveEntry();
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
