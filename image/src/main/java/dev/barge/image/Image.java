package dev.barge.image;

import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import java.time.Instant;
import java.util.List;

/**
 * An image of the local store, resolved: what inspect shows and what the container service
 * needs to create a container (its ID, its parsed config, the chain IDs of its layers to pass
 * to {@code LayerStore.prepareRwLayer}).
 *
 * @param rawConfig   the config blob exactly as stored (its sha256 is {@code id})
 * @param tags        tag references, in the order they were made
 * @param digests     digest references ({@code name@sha256:...})
 * @param chainIds    the layers, bottom first
 * @param layerSizes  each layer's own size, bottom first
 * @param lastTagTime when a tag was last set, {@link Instant#EPOCH} if never
 */
public record Image(Digest id, ImageConfig config, byte[] rawConfig, List<ImageReference> tags,
                    List<ImageReference> digests, List<Digest> chainIds, List<Long> layerSizes, Instant lastTagTime) {
    public Image {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
        chainIds = List.copyOf(chainIds);
        layerSizes = List.copyOf(layerSizes);
    }

    /** The bytes of all layers. */
    public long size() {
        return layerSizes.stream().mapToLong(Long::longValue).sum();
    }

    /** When the image was made (its config's {@code created}), the epoch if unknown. */
    public Instant created() {
        return config.createdInstant().orElse(Instant.EPOCH);
    }

    public boolean dangling() {
        return tags.isEmpty() && digests.isEmpty();
    }

    public List<String> familiarTags() {
        return tags.stream().map(ImageReference::familiar).toList();
    }

    public List<String> familiarDigests() {
        return digests.stream().map(ImageReference::familiar).toList();
    }
}
