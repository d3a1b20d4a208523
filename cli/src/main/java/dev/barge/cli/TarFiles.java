package dev.barge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Local files to and from tar streams, for cp and build: names, modes, times and links kept. */
final class TarFiles {
    private TarFiles() {}

    /**
     * Writes {@code source} (a file, a link or a directory tree) under the name {@code root}; an
     * empty root puts a directory's contents at the top. {@code keep} sees names relative to source.
     */
    static void write(Path source, String root, boolean followTop, Filter keep, OutputStream out)
            throws IOException {
        write(source, root, followTop, keep, java.util.Map.of(), out);
    }

    /** As above, then {@code extra} files (name to content, mode 0600) at the top. */
    static void write(Path source, String root, boolean followTop, Filter keep, java.util.Map<String, byte[]> extra,
                      OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), 512);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        if (source != null) add(tar, source, root, "", followTop, keep);
        for (var e : extra.entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
            entry.setSize(e.getValue().length);
            entry.setMode(0100600);
            entry.setModTime(System.currentTimeMillis() / 1000 * 1000);
            tar.putArchiveEntry(entry);
            tar.write(e.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.close();
    }

    private static void add(TarArchiveOutputStream tar, Path file, String name, String relative, boolean follow,
                            Filter keep) throws IOException {
        LinkOption[] link = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        boolean dir = Files.isDirectory(file, link);
        boolean excluded = !relative.isEmpty() && keep.excludes(relative);
        if (excluded && !(dir && keep.mayIncludeUnder(relative))) return;
        if (!name.isEmpty() && !excluded) {
            TarArchiveEntry e;
            if (Files.isSymbolicLink(file) && !follow) {
                e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(file).toString());
            } else {
                e = new TarArchiveEntry(dir ? name + "/" : name);
                if (!dir) e.setSize(Files.size(file));
            }
            e.setMode(mode(file, link) | (e.isSymbolicLink() ? 0120000 : dir ? 040000 : 0100000));
            // whole seconds, as docker's archive writes them: a fraction would cost a PAX header
            e.setModTime(Files.getLastModifiedTime(file, link).toMillis() / 1000 * 1000);
            Object uid = attribute(file, "unix:uid", link);
            Object gid = attribute(file, "unix:gid", link);
            if (uid instanceof Integer u) e.setUserId(u);
            if (gid instanceof Integer g) e.setGroupId(g);
            tar.putArchiveEntry(e);
            if (e.isFile()) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(tar);
                }
            }
            tar.closeArchiveEntry();
        }
        if (!dir) return;
        try (Stream<Path> children = Files.list(file)) {
            for (Path child : children.sorted().toList()) {
                String childRelative = relative.isEmpty() ? child.getFileName().toString()
                        : relative + "/" + child.getFileName();
                String childName = name.isEmpty() ? child.getFileName().toString() : name + "/" + child.getFileName();
                add(tar, child, childName, childRelative, false, keep);
            }
        }
    }

    private static Object attribute(Path file, String name, LinkOption[] link) {
        try {
            return Files.getAttribute(file, name, link);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static int mode(Path file, LinkOption[] link) throws IOException {
        Object m = attribute(file, "unix:mode", link);
        if (m instanceof Integer i) return i & 07777;
        return 0644;
    }

    /**
     * Extracts into {@code dir}; an entry whose first name part is {@code from} gets {@code to}
     * instead (cp's rename of the copied root). Names never leave dir.
     */
    static void extract(InputStream in, Path dir, String from, String to) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        Path base = dir.toAbsolutePath().normalize();
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String name = rebase(e.getName(), from, to);
            Path target = base.resolve(name).normalize();
            if (!target.startsWith(base)) continue;
            if (e.isDirectory()) {
                if (!Files.isDirectory(target)) Files.createDirectories(target);
            } else if (e.isSymbolicLink()) {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                continue;
            } else if (e.isLink()) {
                Path source = base.resolve(rebase(e.getLinkName(), from, to)).normalize();
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createLink(target, source);
                continue;
            } else if (e.isFile()) {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            try {
                Files.setPosixFilePermissions(target, permissions(e.getMode()));
                Files.setLastModifiedTime(target, FileTime.fromMillis(e.getModTime().getTime()));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep what it gives
            }
        }
    }

    static String rebase(String name, String from, String to) {
        if (from.isEmpty() || from.equals(to)) return name;
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.equals(from)) return to;
        if (n.startsWith(from + "/")) return to + n.substring(from.length());
        return name;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) if ((mode & (0400 >> i)) != 0) s.add(all[i]);
        return s;
    }

    /** Which paths (relative to the source, '/'-separated) stay out of the archive. */
    interface Filter {
        Filter NONE = new Filter() {
            @Override
            public boolean excludes(String relative) {
                return false;
            }

            @Override
            public boolean mayIncludeUnder(String relative) {
                return true;
            }
        };

        boolean excludes(String relative);

        /** An excluded directory may still hold paths an exception brings back. */
        boolean mayIncludeUnder(String relative);
    }

    /** Keeps the caller's stream open when the tar writer closes. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
