package dev.barge.store;

import dev.barge.core.Digest;
import java.util.Optional;

/**
 * An unpacked layer (a snapshot), shared by every image whose chain contains it.
 *
 * @param chainId the OCI chain ID naming the layer together with all layers below it
 * @param diffId  the digest of the uncompressed layer tar
 * @param parent  the chain ID of the layer below, absent for a base layer
 * @param size    the bytes of file content the layer adds
 * @param dir     the directory name under {@code overlay2/}
 * @param link    the short name under {@code overlay2/l/}
 */
public record LayerRecord(Digest chainId, Digest diffId, Optional<Digest> parent, long size, String dir, String link) {}
