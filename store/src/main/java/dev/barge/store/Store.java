package dev.barge.store;

import dev.barge.core.FileTrees;
import dev.barge.core.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The storage root opened as one: content, metadata and layers. Opening it also finishes what
 * a crash interrupted: temporary ingests and unpack directories are deleted, and layers and
 * blobs that no image (nor container layer) references any more are collected, since a load
 * registers them before the transaction that publishes its image.
 */
public final class Store implements AutoCloseable {
    private final Path root;
    private final ContentStore content;
    private final MetadataStore metadata;
    private final LayerStore layers;

    private Store(Path root, ContentStore content, MetadataStore metadata, LayerStore layers) {
        this.root = root;
        this.content = content;
        this.metadata = metadata;
        this.layers = layers;
    }

    public static Store open(Path root) {
        try {
            Files.createDirectories(root);
            Path tmp = root.resolve("tmp");
            FileTrees.delete(tmp);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetadataStore metadata = MetadataStore.open(root.resolve("metadata.db"));
        Store store = new Store(root, new ContentStore(root), metadata, new LayerStore(root, metadata));
        store.content.removeStaleIngests();
        store.layers.removeOrphans();
        store.collectGarbage();
        return store;
    }

    public Path root() {
        return root;
    }

    /** Scratch space on the same file system, emptied at each start. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    public ContentStore content() {
        return content;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public LayerStore layers() {
        return layers;
    }

    /**
     * Deletes layers no image nor container layer stands on and blobs no image references.
     * Only safe while nothing is being loaded (the image service holds its lock).
     */
    public void collectGarbage() {
        Set<Digest> neededLayers = new HashSet<>();
        Set<Digest> neededBlobs = new HashSet<>();
        for (ImageRecord image : metadata.images()) {
            neededLayers.addAll(image.chainIds());
            neededBlobs.add(image.id());
            neededBlobs.add(image.manifest());
            image.layers().forEach(l -> neededBlobs.add(l.digest()));
        }
        metadata.rwLayers().forEach(rw -> neededLayers.addAll(rw.lowers()));
        // a layer's parents are needed whenever the layer is
        for (LayerRecord l : metadata.layers()) {
            if (neededLayers.contains(l.chainId())) {
                l.parent().ifPresent(neededLayers::add);
            }
        }
        List<LayerRecord> all = metadata.layers();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!neededLayers.contains(all.get(i).chainId())) {
                layers.remove(all.get(i).chainId());
            }
        }
        for (Digest blob : content.list()) {
            if (!neededBlobs.contains(blob)) {
                content.delete(blob);
            }
        }
    }

    @Override
    public void close() {
        metadata.close();
    }
}
