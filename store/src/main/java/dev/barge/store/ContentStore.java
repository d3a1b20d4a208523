package dev.barge.store;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Blobs addressed by their sha256 digest under {@code content/blobs/sha256/<hex>}.
 *
 * <p>Lifecycle of a write (an <em>ingest</em>): the bytes stream into a temporary
 * {@code .ingest-*} file in the same directory while being hashed; the file is fsynced, its
 * digest and size are checked against what the caller expected, and only then is it renamed
 * into place atomically. Nothing is visible before that rename, so a reader never sees a
 * partial blob, and a crash leaves at worst a temporary file that {@link #removeStaleIngests}
 * deletes at start-up.
 */
public final class ContentStore {
    private static final String INGEST_PREFIX = ".ingest-";
    private final Path blobs;

    public ContentStore(Path root) {
        this.blobs = root.resolve("content").resolve("blobs").resolve("sha256");
        try {
            Files.createDirectories(blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a blob, verifying the digest and size when given. Idempotent for existing blobs. */
    public Blob ingest(InputStream in, Optional<Digest> expected, OptionalLong expectedSize) {
        Path temp = blobs.resolve(INGEST_PREFIX + UUID.randomUUID());
        try {
            MessageDigest sha = Digest.newSha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[128 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
                channel.force(true);
            }
            Digest actual = Digest.of(sha);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw BargeException.invalid("digest mismatch: expected %s, actual %s", expected.get(), actual);
            }
            if (expectedSize.isPresent() && expectedSize.getAsLong() != size) {
                throw BargeException.invalid("size mismatch for %s: expected %d bytes, actual %d",
                        actual, expectedSize.getAsLong(), size);
            }
            commit(temp, actual);
            return new Blob(actual, size);
        } catch (IOException e) {
            throw BargeException.internal("cannot write blob: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Publishes, without copying, a file the caller wrote on the store's file system and hashed
     * while writing it (a member of an archive being loaded, under {@link Store#tmp}): the file
     * is fsynced, then hard-linked into place, which publishes it as atomically as an ingest's
     * rename. The caller keeps its file (and deletes it with its scratch directory).
     */
    public Blob adopt(Path file, Digest digest) {
        Path target = blobs.resolve(digest.hex());
        try {
            long size = Files.size(file);
            if (Files.exists(target)) {
                return new Blob(digest, size);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(target, file);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return new Blob(digest, size);
            } catch (IOException | UnsupportedOperationException crossDevice) {
                // another file system (or no hard links): copy, verifying the digest on the way
                try (InputStream in = Files.newInputStream(file)) {
                    return ingest(in, Optional.of(digest), OptionalLong.of(size));
                }
            }
            syncDirectory();
            return new Blob(digest, size);
        } catch (IOException e) {
            throw BargeException.internal("cannot write blob: " + e.getMessage(), e);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(blobs, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void commit(Path temp, Digest digest) throws IOException {
        Path target = blobs.resolve(digest.hex());
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob directory does not support atomic rename", e);
        }
        syncDirectory();
    }

    public boolean contains(Digest digest) {
        return Files.isRegularFile(blobs.resolve(digest.hex()));
    }

    /** The blob's file; NOT_FOUND when absent. */
    public Path path(Digest digest) {
        Path p = blobs.resolve(digest.hex());
        if (!Files.isRegularFile(p)) {
            throw BargeException.notFound("content %s: not found", digest);
        }
        return p;
    }

    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(path(digest));
        } catch (IOException e) {
            throw BargeException.internal("cannot read content " + digest, e);
        }
    }

    public byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (IOException e) {
            throw BargeException.internal("cannot read content " + digest, e);
        }
    }

    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (IOException e) {
            throw BargeException.internal("cannot stat content " + digest, e);
        }
    }

    public void delete(Digest digest) {
        deleteQuietly(blobs.resolve(digest.hex()));
    }

    /** Every committed blob's digest. */
    public java.util.List<Digest> list() {
        java.util.List<Digest> all = new java.util.ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(blobs)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (Digest.isDigest("sha256:" + name)) {
                    all.add(new Digest("sha256", name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Deletes temporary files a crash left behind; call before anyone writes. */
    public void removeStaleIngests() {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(blobs, INGEST_PREFIX + "*")) {
            for (Path p : dir) {
                deleteQuietly(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
