package dev.barge.container;

/** {@code docker cp}, {@code diff} and {@code export} over a container's files. */
public final class ContainerFiles {
    private final ContainerContext ctx;

    ContainerFiles(ContainerContext ctx) {
        this.ctx = ctx;
    }
}
