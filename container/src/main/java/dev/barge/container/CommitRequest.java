package dev.barge.container;

import java.util.List;

/**
 * What {@code docker commit} makes: the container's image plus its changes, with the container's
 * configuration changed by Dockerfile-like {@code changes}.
 *
 * @param imageId   the container's image ({@code sha256:...})
 * @param reference {@code repo[:tag]}, empty for an untagged image
 * @param createdBy the history entry's {@code created_by}: the container's command line
 */
public record CommitRequest(String imageId, String reference, ContainerConfig config, List<String> changes,
                            String comment, String author, String createdBy, String containerId) {
    public CommitRequest {
        changes = List.copyOf(changes);
    }
}
