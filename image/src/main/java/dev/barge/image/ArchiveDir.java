package dev.barge.image;

import dev.barge.core.FileTrees;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.store.Compression;
import dev.barge.store.StrictTarInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
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
 * store before the whole archive has arrived. Only regular files are written, each hashed as
 * it is written (so a layer is read once, here, and then adopted by the content store without
 * a copy); the symlinks and hard links older {@code docker save} used for shared layers are
 * kept as a name map.
 */
final class ArchiveDir implements AutoCloseable {
    /** An unpacked regular file of the archive, with the digest and size of its content. */
    record Member(Path file, Digest digest, long size) {}

    private final Path dir;
    private final Map<String, String> links = new HashMap<>();
    private final Map<String, Member> members = new HashMap<>();

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
                MessageDigest sha = Digest.newSha256();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), sha)) {
                    long copied = tar.transferTo(out);
                    if (copied != e.getSize()) {
                        throw new IOException("unexpected EOF in " + name);
                    }
                }
                members.put(name, new Member(target, Digest.of(sha), e.getSize()));
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
        return members.containsKey(resolveLinks(clean(name)));
    }

    /** An archive member (links followed); INVALID_ARGUMENT when the archive lacks it. */
    Member member(String name) {
        Member m = members.get(resolveLinks(clean(name)));
        if (m == null) {
            throw BargeException.invalid("invalid image archive: %s not found in archive", name);
        }
        return m;
    }

    byte[] read(String name) {
        try {
            return Files.readAllBytes(member(name).file());
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
        FileTrees.deleteQuietly(dir);
    }
}
