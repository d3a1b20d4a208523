package dev.barge.store;

import dev.barge.core.Digest;

/**
 * A layer as it was shipped (compressed or not), kept in the content store so that save can
 * re-emit it byte for byte.
 *
 * @param mediaType the OCI media type ({@code application/vnd.oci.image.layer.v1.tar+gzip}...)
 */
public record LayerBlob(String mediaType, Digest digest, long size) {}
