package dev.barge.container;

/** Removes everything of a stopped container: runtime state, writable layer, files, record. */
final class Removal {
    private final ContainerContext ctx;

    Removal(ContainerContext ctx) {
        this.ctx = ctx;
    }

    /** Removes everything of a stopped container; the lock is held. {@code --rm} ones take their anonymous volumes. */
    void removeLocked(LiveContainer lc) {
        removeLocked(lc, lc.current().host().autoRemove());
    }

    /** As {@link #removeLocked(LiveContainer)}; {@code volumes} removes the anonymous volumes too ({@code rm -v}). */
    void removeLocked(LiveContainer lc, boolean volumes) {
        lc.generation++;
        Container c = lc.current();
        ctx.commit(lc, c.withState(c.state().withStatus(Status.REMOVING)));
        ctx.discardRuntime(c.id());
        ctx.mounts.release(c.id());
        ctx.networking.leave(c.id());
        ctx.images.removeRootfs(c.id());
        ctx.execs.forget(c.id());
        ctx.health.forget(c.id());
        ctx.registry.remove(lc);
        ctx.mounts.removed(c.id(), volumes);
        RootView.unmountLeftovers(ctx, c.id());
        ctx.store.delete(c.id());
        ctx.events.publish(c, "destroy");
        lc.removed(new WaitResult(c.state().exitCode(), c.state().error()));
    }
}
