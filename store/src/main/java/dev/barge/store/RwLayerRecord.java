package dev.barge.store;

import dev.barge.core.Digest;
import java.util.List;

/**
 * A container's writable layer on top of its image's chain.
 *
 * @param containerId the container it belongs to (also its directory name under {@code overlay2/})
 * @param link        the short name under {@code overlay2/l/}
 * @param lowers      the image's chain IDs, bottom first (empty for an image without layers)
 */
public record RwLayerRecord(String containerId, String link, List<Digest> lowers) {
    public RwLayerRecord {
        lowers = List.copyOf(lowers);
    }
}
