package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.store.Compression;
import dev.barge.store.StrictTarInputStream;
import dev.barge.store.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive (docker-save or OCI layout, plain or compressed) unpacked into a scratch
 * directory of the store, so that large archives never sit in memory and nothing reaches the
 * store before the whole archive has arrived. Only regular files are written; the symlinks
 * and hard links older {@code docker save} used for shared layers are kept as a name map.
 */
final class ArchiveDir implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> links = new HashMap<>();

    private ArchiveDir(Path dir) {
        this.dir = dir;
    }

    static ArchiveDir unpack(InputStream raw, Path scratch) {
        ArchiveDir archive = new ArchiveDir(scratch.resolve("load-" + UUID.randomUUID()));
        try {
            Files.createDirectories(archive.dir);
            archive.read(Compression.decompressed(raw));
            return archive;
        } catch (IOException e) {
            archive.close();
            throw BargeException.invalid("cannot read image archive: %s", e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private void read(InputStream in) throws IOException {
        TarArchiveInputStream tar = StrictTarInputStream.of(in);
        boolean any = false;
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            any = true;
            String name = clean(e.getName());
            if (name.isEmpty() || e.isDirectory()) {
                continue;
            }
            if (e.isSymbolicLink()) {
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
                links.put(name, clean(e.getLinkName().startsWith("/") ? e.getLinkName() : parent + e.getLinkName()));
            } else if (e.isLink()) {
                links.put(name, clean(e.getLinkName()));
            } else if (e.isFile()) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    long copied = tar.transferTo(out);
                    if (copied != e.getSize()) {
                        throw new IOException("unexpected EOF in " + name);
                    }
                }
            }
        }
        if (!any) {
            throw BargeException.invalid("invalid image archive: empty or not a tar file");
        }
    }

    /** Lexically cleaned, relative; refuses names that climb out of the archive. */
    private static String clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw BargeException.invalid("invalid image archive: entry %s escapes the archive", name);
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    boolean exists(String name) {
        String resolved = resolveLinks(clean(name));
        return Files.isRegularFile(dir.resolve(resolved));
    }

    /** The unpacked file of an archive member; INVALID_ARGUMENT when the archive lacks it. */
    Path file(String name) {
        Path p = dir.resolve(resolveLinks(clean(name)));
        if (!Files.isRegularFile(p)) {
            throw BargeException.invalid("invalid image archive: %s not found in archive", name);
        }
        return p;
    }

    byte[] read(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw BargeException.internal("cannot read " + name, e);
        }
    }

    private String resolveLinks(String name) {
        String current = name;
        for (int hops = 0; links.containsKey(current); hops++) {
            if (hops > 16) {
                throw BargeException.invalid("invalid image archive: link loop at %s", name);
            }
            current = links.get(current);
        }
        return current;
    }

    @Override
    public void close() {
        Trees.deleteQuietly(dir);
    }
}
