package dev.barge.image;

import dev.barge.core.Digest;
import dev.barge.store.LayerStore;
import dev.barge.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load or import added to the store before its image was committed, so that a failure
 * takes it all back and leaves the store exactly as it was. (A crash instead is undone by the
 * garbage collection of {@link Store#open}.)
 */
final class Staging {
    private final Store store;
    private final List<Digest> newBlobs = new ArrayList<>();
    private final List<Digest> newLayers = new ArrayList<>();

    Staging(Store store) {
        this.store = store;
    }

    /** Call before ingesting: remembers the blob when it did not exist yet. */
    boolean blobIsNew(Digest digest) {
        boolean fresh = !store.content().contains(digest);
        if (fresh) {
            newBlobs.add(digest);
        }
        return fresh;
    }

    void layer(LayerStore.Applied applied) {
        if (applied.created()) {
            newLayers.add(applied.layer().chainId());
        }
    }

    /** Removes the staged layers (top first) and blobs. */
    void rollback() {
        for (Digest layer : newLayers.reversed()) {
            if (!store.layers().inUse(layer)) {
                store.layers().remove(layer);
            }
        }
        java.util.Set<Digest> used = new java.util.HashSet<>();
        store.metadata().images().forEach(i -> {
            used.add(i.id());
            used.add(i.manifest());
            i.layers().forEach(l -> used.add(l.digest()));
        });
        for (Digest blob : newBlobs) {
            if (!used.contains(blob)) {
                store.content().delete(blob);
            }
        }
    }
}
