package dev.barge.image;

import dev.barge.core.Digest;
import java.util.List;

/**
 * Which containers use an image; the daemon wires it to the container service, so that image
 * removal can refuse as Docker does without the image module knowing containers.
 */
@FunctionalInterface
public interface ImageUsage {
    /** No container ever: for tests and tools without containers. */
    ImageUsage NONE = id -> List.of();

    /** The containers created from the image, running ones first. */
    List<User> users(Digest imageId);

    /** A container using the image. */
    record User(String containerId, boolean running) {}
}
