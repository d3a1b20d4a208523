package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import java.nio.file.Path;
import java.util.List;

/**
 * What the container service needs from images; the composition root adapts the image service
 * to it, so this module never sees manifests or layers.
 */
public interface ImageAccess {
    /** Resolves a reference or ID; throws NOT_FOUND "No such image: busybox:latest" when absent. */
    ResolvedImage resolve(String ref);

    /** Prepares (or re-mounts) the container's writable layer on top of the image; idempotent. */
    List<Mount> prepareRootfs(String containerId, String imageId);

    /** Removes the container's writable layer; a missing layer is not an error. */
    void removeRootfs(String containerId);

    /** Bytes of an image's layers ({@code SizeRootFs} adds them to the container's own); 0 when unknown. */
    default long imageSize(String imageId) {
        return 0;
    }

    /** The writable layer's upper directory: the container's changes (overlay whiteouts included). */
    default Path rootfsChanges(String containerId) {
        throw BargeException.notImplemented("container changes are not supported by this image store");
    }

    /**
     * {@code docker commit}: a new image from {@code imageId} plus one layer ({@code layerTar}, an
     * uncompressed tar with {@code .wh.} whiteouts) and the given run configuration. Returns its ID.
     */
    default String commit(CommitRequest request, Path layerTar) {
        throw BargeException.notImplemented("commit is not supported by this image store");
    }
}
