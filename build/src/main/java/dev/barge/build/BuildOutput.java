package dev.barge.build;

import dev.barge.image.TransferProgress;

/**
 * Where a build reports: text lines for {@code stream}, the built image's ID for {@code aux}, and
 * a FROM image's pull progress ({@code --pull}).
 */
public interface BuildOutput {
    void stream(String text);

    void aux(String imageId);

    default void progress(TransferProgress p) {
    }
}
