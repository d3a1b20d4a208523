package dev.barge.store;

import dev.barge.core.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An image as the metadata database keeps it.
 *
 * @param id          the config blob's digest: the image ID
 * @param config      the raw config JSON bytes, never re-serialised (the ID is their digest)
 * @param manifest    the digest of the OCI manifest blob kept for save (loaded or synthesised)
 * @param layers      the layer blobs as shipped, bottom first
 * @param chainIds    the unpacked layers, bottom first
 * @param added       when this store got the image
 * @param lastTagTime when a tag last moved onto it, {@link Instant#EPOCH} if never
 */
public record ImageRecord(Digest id, byte[] config, Digest manifest, List<LayerBlob> layers,
                          List<Digest> chainIds, Instant added, Instant lastTagTime) {
    public ImageRecord {
        layers = List.copyOf(layers);
        chainIds = List.copyOf(chainIds);
    }

    public Optional<Digest> topLayer() {
        return chainIds.isEmpty() ? Optional.empty() : Optional.of(chainIds.getLast());
    }
}
