package dev.barge.container;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code docker commit}: the writable layer written as a layer tar (paused meanwhile unless told
 * not to, so the files are consistent), then handed to the image store with the container's
 * configuration and command line.
 */
final class Commit {
    private final ContainerContext ctx;

    Commit(ContainerContext ctx) {
        this.ctx = ctx;
    }

    String commit(String ref, String reference, List<String> changes, String comment, String author, boolean pause) {
        LiveContainer lc = ctx.registry.lookup(ref);
        Container c = lc.current();
        Path layer = ctx.store.dir(c.id()).resolve("commit-" + System.nanoTime() + ".tar");
        try {
            writeLayer(lc, layer, pause);
            String createdBy = String.join(" ", c.config().cmd().isEmpty() ? c.args() : c.config().cmd());
            String id = ctx.images.commit(new CommitRequest(c.imageId(), reference, c.config(), changes, comment,
                    author, createdBy, c.id()), layer);
            ctx.events.publish(c, "commit");
            return id;
        } finally {
            try {
                Files.deleteIfExists(layer);
            } catch (IOException ignored) {
                // the container directory goes with the container
            }
        }
    }

    private void writeLayer(LiveContainer lc, Path layer, boolean pause) {
        boolean paused = false;
        lc.lock.lock();
        try {
            Container c = lc.current();
            if (c.state().status() == Status.REMOVING || c.state().status() == Status.DEAD) {
                throw BargeException.conflict("You cannot commit container %s which is %s", c.id(),
                        c.state().status().word());
            }
            if (pause && c.state().status() == Status.RUNNING) {
                ctx.runtime.pause(c.id());
                paused = true;
            }
            try (OutputStream out = Files.newOutputStream(layer)) {
                new ContainerFiles(ctx).writeLayer(c.id(), out);
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot write the container's changes: " + e.getMessage(), e);
        } finally {
            if (paused) {
                ctx.runtime.resume(lc.id());
            }
            lc.lock.unlock();
        }
    }
}
