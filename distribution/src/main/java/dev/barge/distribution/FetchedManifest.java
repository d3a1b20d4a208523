package dev.barge.distribution;

import dev.barge.core.Digest;

/**
 * A manifest or index as a registry served it: the exact bytes (their digest is what
 * {@code RepoDigests} record), its media type and digest.
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
    public long size() {
        return bytes.length;
    }
}
