package dev.barge.store;

import dev.barge.core.FileTrees;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Mount;
import dev.barge.linux.Syncfs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Layers unpacked once under {@code overlay2/<dir>/diff}, keyed by chain ID and shared by every
 * image; container read-write layers next to them. Each layer dir also gets a short link
 * {@code overlay2/l/<26 chars>} pointing at its {@code diff}, so that an overlay mount's
 * {@code lowerdir} list stays within the kernel's one-page option limit.
 *
 * <p>Lifecycle of a layer: {@link #apply} unpacks into {@code overlay2/tmp-*}, checks the diff
 * ID, renames the directory into place, creates the link, then registers the layer in the
 * database. A crash leaves at worst an unregistered directory or link, which
 * {@link #removeOrphans} deletes at start-up.
 */
public final class LayerStore {
    private static final String TEMP_PREFIX = "tmp-";
    private static final String EMPTY = "empty";
    private static final String LINKS = "l";
    private static final int PAGE = 4096;
    private static final char[] LINK_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private final Path root;
    private final MetadataStore db;
    private final SecureRandom random = new SecureRandom();

    /** The outcome of {@link #apply}: the layer, and whether this call created it. */
    public record Applied(LayerRecord layer, boolean created) {}

    public LayerStore(Path storeRoot, MetadataStore db) {
        this.root = storeRoot.resolve("overlay2");
        this.db = db;
        try {
            Files.createDirectories(root.resolve(LINKS));
            Files.createDirectories(root.resolve(EMPTY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code overlay2} directory. */
    public Path root() {
        return root;
    }

    public Optional<LayerRecord> layer(Digest chainId) {
        return db.layer(chainId);
    }

    /** The layer's unpacked files. */
    public Path diffDir(LayerRecord layer) {
        return root.resolve(layer.dir()).resolve("diff");
    }

    public Path layerDir(LayerRecord layer) {
        return root.resolve(layer.dir());
    }

    /**
     * Unpacks an uncompressed layer tar on top of {@code parent}. When {@code expectedDiffId} is
     * given and that chain is already unpacked, the stream is not read at all.
     */
    public synchronized Applied apply(Optional<Digest> parent, Optional<Digest> expectedDiffId, InputStream tar) {
        return apply(parent, expectedDiffId, tar, false);
    }

    /**
     * As {@link #apply}, for a tar whose sha256 the caller has already verified to be
     * {@code diffId} (an uncompressed layer blob checked against its digest): the stream is
     * not hashed a second time.
     */
    public synchronized Applied applyVerified(Optional<Digest> parent, Digest diffId, InputStream tar) {
        return apply(parent, Optional.of(diffId), tar, true);
    }

    private Applied apply(Optional<Digest> parent, Optional<Digest> expectedDiffId, InputStream tar, boolean verified) {
        if (parent.isPresent() && db.layer(parent.get()).isEmpty()) {
            throw BargeException.notFound("layer %s: not found", parent.get());
        }
        if (expectedDiffId.isPresent()) {
            Optional<LayerRecord> existing = db.layer(ChainIds.next(parent, expectedDiffId.get()));
            if (existing.isPresent()) {
                return new Applied(existing.get(), false);
            }
        }
        return commit(unpack(expectedDiffId, tar, verified), parent);
    }

    /**
     * A layer unpacked into scratch space ({@code overlay2/tmp-*}), its diff ID checked, not yet
     * part of the store: {@link #commit} or {@link #discard} it.
     */
    public record Unpacked(Path temp, Digest diffId, long size) {}

    /**
     * Unpacks a layer tar into scratch space without the store's lock, so that the layers of a
     * pull unpack in parallel while they download; {@link #commit} then adds them bottom first.
     */
    public Unpacked unpack(Optional<Digest> expectedDiffId, InputStream tar, boolean verified) {
        Path temp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(temp.resolve("diff"));
            MessageDigest sha = Digest.newSha256();
            InputStream in = verified ? tar : new DigestInputStream(tar, sha);
            long size = TarExtractor.extract(in, temp.resolve("diff"));
            in.transferTo(java.io.OutputStream.nullOutputStream());
            Digest diffId = verified ? expectedDiffId.orElseThrow() : Digest.of(sha);
            if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(diffId)) {
                throw BargeException.invalid("layer digest mismatch: expected diff ID %s, actual %s", expectedDiffId.get(), diffId);
            }
            return new Unpacked(temp, diffId, size);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(temp);
            throw e instanceof IOException io ? BargeException.internal("cannot unpack layer: " + io.getMessage(), io) : (RuntimeException) e;
        }
    }

    /** Publishes an unpacked layer on top of {@code parent} (or finds that chain already there). */
    public synchronized Applied commit(Unpacked unpacked, Optional<Digest> parent) {
        try {
            if (parent.isPresent() && db.layer(parent.get()).isEmpty()) {
                throw BargeException.notFound("layer %s: not found", parent.get());
            }
            Digest chainId = ChainIds.next(parent, unpacked.diffId());
            Optional<LayerRecord> existing = db.layer(chainId);
            if (existing.isPresent()) {
                return new Applied(existing.get(), false);
            }
            return new Applied(commit(unpacked.temp(), chainId, unpacked.diffId(), parent, unpacked.size()), true);
        } catch (IOException e) {
            throw BargeException.internal("cannot unpack layer: " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(unpacked.temp());
        }
    }

    /**
     * Publishes the unpacked layers of one pull, bottom first on top of {@code parent}, as
     * {@link #commit} would one by one but with two file-system syncs for the whole batch
     * instead of two per layer: every layer's data, then every rename and link, are durable
     * before the rows that name them.
     */
    public synchronized List<Applied> commitAll(List<Unpacked> bottomFirst, Optional<Digest> parent) {
        record Pending(Unpacked unpacked, LayerRecord layer) {}
        List<Applied> applied = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        List<Pending> published = new ArrayList<>();
        try {
            if (parent.isPresent() && db.layer(parent.get()).isEmpty()) {
                throw BargeException.notFound("layer %s: not found", parent.get());
            }
            List<String> lower = new ArrayList<>(lowerLinks(parent));
            Optional<Digest> below = parent;
            for (Unpacked u : bottomFirst) {
                Digest chainId = ChainIds.next(below, u.diffId());
                Optional<LayerRecord> existing = db.layer(chainId);
                LayerRecord layer;
                if (existing.isPresent()) {
                    layer = existing.get();
                    FileTrees.deleteQuietly(u.temp());
                } else {
                    layer = new LayerRecord(chainId, u.diffId(), below, u.size(), chainId.hex(), newLink());
                    Files.writeString(u.temp().resolve("link"), layer.link());
                    Files.writeString(u.temp().resolve("lower"), String.join(":", lower));
                    pending.add(new Pending(u, layer));
                }
                applied.add(new Applied(layer, existing.isEmpty()));
                lower.addFirst(LINKS + "/" + layer.link());
                below = Optional.of(chainId);
            }
            Syncfs.sync(root); // the files' data reaches the disk before the renames publish them
            for (Pending p : pending) {
                Path dir = root.resolve(p.layer().dir());
                FileTrees.delete(dir);
                Files.move(p.unpacked().temp(), dir, StandardCopyOption.ATOMIC_MOVE);
                published.add(p);
                Files.createSymbolicLink(root.resolve(LINKS).resolve(p.layer().link()), Path.of("..", p.layer().dir(), "diff"));
            }
            Syncfs.sync(root); // the renames and links are durable before the rows that name them
            for (Pending p : pending) {
                db.putLayer(p.layer());
            }
            return applied;
        } catch (IOException | RuntimeException e) {
            for (Pending p : published) {
                if (db.layer(p.layer().chainId()).isEmpty()) {
                    deleteFiles(p.layer().dir(), p.layer().link());
                }
            }
            throw e instanceof IOException io ? BargeException.internal("cannot unpack layer: " + io.getMessage(), io) : (RuntimeException) e;
        } finally {
            bottomFirst.forEach(u -> FileTrees.deleteQuietly(u.temp()));
        }
    }

    /** Drops an unpacked layer that will not be committed. */
    public void discard(Unpacked unpacked) {
        FileTrees.deleteQuietly(unpacked.temp());
    }

    private LayerRecord commit(Path temp, Digest chainId, Digest diffId, Optional<Digest> parent, long size) throws IOException {
        String link = newLink();
        Files.writeString(temp.resolve("link"), link);
        Files.writeString(temp.resolve("lower"), String.join(":", lowerLinks(parent)));
        Path dir = root.resolve(chainId.hex());
        FileTrees.delete(dir);
        Syncfs.sync(temp); // the files' data reaches the disk before the rename publishes them
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        Files.createSymbolicLink(root.resolve(LINKS).resolve(link), Path.of("..", chainId.hex(), "diff"));
        Syncfs.sync(root); // the rename and link are durable before the row that names them
        LayerRecord layer = new LayerRecord(chainId, diffId, parent, size, chainId.hex(), link);
        db.putLayer(layer);
        return layer;
    }

    private List<String> lowerLinks(Optional<Digest> top) {
        List<String> links = new ArrayList<>();
        Optional<Digest> cursor = top;
        while (cursor.isPresent()) {
            LayerRecord l = db.layer(cursor.get()).orElseThrow();
            links.add(LINKS + "/" + l.link());
            cursor = l.parent();
        }
        return links;
    }

    /** Unregisters the layer and deletes its files (the caller checked nothing uses it). */
    public synchronized void remove(Digest chainId) {
        db.layer(chainId).ifPresent(l -> {
            db.deleteLayer(chainId);
            deleteFiles(l.dir(), l.link());
        });
    }

    /** True when an image or a container layer stands on this layer. */
    public boolean inUse(Digest chainId) {
        return db.layerUsedByImage(chainId)
                || db.rwLayers().stream().anyMatch(rw -> rw.lowers().contains(chainId));
    }

    // ---- container layers

    /**
     * Creates a container's writable layer over {@code chainIds} (bottom first) and returns the
     * overlay mount of its root file system. All paths in the mount are absolute (the lower
     * dirs through their short links), so the caller needs no {@code chdir}: barged is
     * multithreaded and cannot change its working directory per mount.
     */
    public synchronized List<Mount> prepareRwLayer(String containerId, List<Digest> chainIds) {
        checkContainerId(containerId);
        if (db.rwLayer(containerId).isPresent()) {
            throw BargeException.conflict("container layer %s already exists", containerId);
        }
        for (Digest c : chainIds) {
            if (db.layer(c).isEmpty()) {
                throw BargeException.notFound("layer %s: not found", c);
            }
        }
        Path dir = root.resolve(containerId);
        String link = newLink();
        try {
            Files.createDirectories(dir.resolve("diff"));
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(dir.resolve("merged"));
            Files.writeString(dir.resolve("link"), link);
            Files.createSymbolicLink(root.resolve(LINKS).resolve(link), Path.of("..", containerId, "diff"));
            db.putRwLayer(new RwLayerRecord(containerId, link, chainIds));
        } catch (IOException | RuntimeException e) {
            deleteFiles(containerId, link);
            throw e instanceof IOException io ? BargeException.internal("cannot create container layer: " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
        return rwLayerMounts(containerId);
    }

    /** The overlay mount of an existing container layer (after a restart, say). */
    public List<Mount> rwLayerMounts(String containerId) {
        RwLayerRecord rw = db.rwLayer(containerId)
                .orElseThrow(() -> BargeException.notFound("container layer %s: not found", containerId));
        List<String> lowers = new ArrayList<>();
        for (Digest c : rw.lowers().reversed()) {
            lowers.add(root.resolve(LINKS).resolve(db.layer(c).orElseThrow().link()).toString());
        }
        if (lowers.isEmpty()) {
            lowers.add(root.resolve(EMPTY).toString());
        }
        Path dir = root.resolve(containerId);
        List<String> options = List.of("lowerdir=" + String.join(":", lowers),
                "upperdir=" + dir.resolve("diff"), "workdir=" + dir.resolve("work"));
        if (String.join(",", options).length() >= PAGE) {
            throw BargeException.invalid("too many layers (%d) for one overlay mount", lowers.size());
        }
        return List.of(new Mount("overlay", "overlay", "", options));
    }

    /** The container layer's upper directory (its changes). */
    public Path rwLayerDiff(String containerId) {
        db.rwLayer(containerId).orElseThrow(() -> BargeException.notFound("container layer %s: not found", containerId));
        return root.resolve(containerId).resolve("diff");
    }

    /** A suggested mount point for the container's root file system. */
    public Path rwLayerMerged(String containerId) {
        return root.resolve(containerId).resolve("merged");
    }

    public synchronized void removeRwLayer(String containerId) {
        db.rwLayer(containerId).ifPresent(rw -> {
            db.deleteRwLayer(containerId);
            deleteFiles(containerId, rw.link());
        });
    }

    // ---- start-up

    /** Deletes unpack temp dirs, unregistered layer dirs and dangling links a crash left. */
    public synchronized void removeOrphans() {
        Set<String> known = new HashSet<>(Set.of(LINKS, EMPTY));
        Set<String> links = new HashSet<>();
        db.layers().forEach(l -> {
            known.add(l.dir());
            links.add(l.link());
        });
        db.rwLayers().forEach(rw -> {
            known.add(rw.containerId());
            links.add(rw.link());
        });
        try {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
                for (Path p : dir) {
                    if (!known.contains(p.getFileName().toString())) {
                        FileTrees.deleteQuietly(p);
                    }
                }
            }
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve(LINKS))) {
                for (Path p : dir) {
                    if (!links.contains(p.getFileName().toString())) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteFiles(String dir, String link) {
        try {
            Files.deleteIfExists(root.resolve(LINKS).resolve(link));
        } catch (IOException ignored) {
            // removeOrphans retries at start-up
        }
        FileTrees.deleteQuietly(root.resolve(dir));
    }

    private String newLink() {
        char[] c = new char[26];
        for (int i = 0; i < c.length; i++) {
            c[i] = LINK_CHARS[random.nextInt(LINK_CHARS.length)];
        }
        return new String(c);
    }

    private static void checkContainerId(String id) {
        if (!id.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*") || id.equals(LINKS) || id.equals(EMPTY) || id.startsWith(TEMP_PREFIX)) {
            throw BargeException.invalid("invalid container layer id: %s", id);
        }
    }
}
