package dev.barge.container;

/**
 * An image as the container service sees it.
 *
 * @param id            {@code sha256:<hex>} of the image config
 * @param familiarName  the reference as users write it ({@code busybox:latest}), or the ID
 * @param config        the image's default run configuration
 */
public record ResolvedImage(String id, String familiarName, ImageConfig config) {}
