/**
 * Images of the local store: the OCI config model ({@link dev.barge.image.ImageConfig},
 * {@link dev.barge.image.RunConfig}), and {@link dev.barge.image.ImageService}, which loads
 * and saves archives (docker-save and OCI layout), imports root file systems, lists, inspects,
 * tags, removes and prunes with Docker's rules, and resolves names for the container service.
 *
 * <p>An image ID is the sha256 of its config blob, kept as raw bytes and never re-serialised.
 * Layers are kept twice on purpose: unpacked once per chain ID for containers
 * ({@code overlay2/}), and as shipped in the content store so that save reproduces the exact
 * blobs, hence the same IDs and manifest digests.
 */
package dev.barge.image;
