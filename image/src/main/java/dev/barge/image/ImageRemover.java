package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerRecord;
import dev.barge.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's image removal rules. By reference: untag it (and the repository's digest
 * references when it was the last tag of that repository); the image goes only when no
 * reference is left. By ID: with references in several repositories or several tags, refuse
 * unless forced; otherwise untag and delete. Containers: a running one forbids deletion even
 * forced; a stopped one needs force; untagging the last reference of an image a container
 * uses needs force (the image would be left dangling).
 * Deleting an image also deletes its layers no other image or container uses, and its blobs.
 */
final class ImageRemover {
    /** Publishes an image event. */
    @FunctionalInterface
    interface Events {
        void publish(String action, String id, String name);
    }

    /** What removing one image did. */
    record Removal(List<DeleteResult> results, long reclaimed) {}

    private final Store store;
    private final ImageResolver resolver;
    private final ImageUsage usage;
    private final Events events;

    ImageRemover(Store store, ImageResolver resolver, ImageUsage usage, Events events) {
        this.store = store;
        this.resolver = resolver;
        this.usage = usage;
        this.events = events;
    }

    List<DeleteResult> remove(String name, boolean force, boolean noprune) {
        Digest id = resolver.resolve(name);
        List<DeleteResult> results = new ArrayList<>();
        List<ImageReference> refs = references(id);
        boolean quietOnConflict = false;
        if (!ImageResolver.isIdPrefix(id, name)) {
            if (!force && singleReference(refs)) {
                List<ImageUsage.User> users = usage.users(id);
                if (!users.isEmpty()) {
                    throw BargeException.conflict("conflict: unable to remove repository reference \"%s\" (must force) - container %s is using its referenced image %s",
                            name, shortId(users.getFirst().containerId()), id.shortHex());
                }
            }
            ImageReference ref = ImageReference.parse(name);
            untag(id, ref, results);
            refs = references(id);
            if (ref.digest() == null && refs.stream().noneMatch(r -> r.digest() == null && r.repository().equals(ref.repository()))) {
                for (ImageReference r : List.copyOf(refs)) {
                    if (r.digest() != null && r.repository().equals(ref.repository())) {
                        untag(id, r, results);
                    }
                }
                refs = references(id);
            }
            if (!refs.isEmpty()) {
                return results;
            }
            quietOnConflict = true;
        } else if (singleReference(refs)) {
            // as moby: the references about to go cannot conflict, stopped containers can
            conflict(id, true, false, !force).ifPresent(c -> {
                throw c;
            });
            for (ImageReference r : refs) {
                untag(id, r, results);
            }
        }
        Optional<BargeException> conflict = hasChildren(id)
                ? Optional.of(conflictError(id, true, "image has dependent child images"))
                : conflict(id, true, !force, !force);
        if (conflict.isPresent()) {
            if (quietOnConflict) {
                return results;
            }
            throw conflict.get();
        }
        ImageConfig removed = ImageConfig.parse(store.metadata().image(id).orElseThrow().config());
        results.addAll(delete(id).results());
        if (!noprune) {
            deleteUntaggedParents(removed, results);
        }
        return results;
    }

    /**
     * As Docker's rmi (without --no-prune): the untagged parents left without children go too,
     * which removes a built image's intermediate images with it.
     */
    /** Another image was built on it (see {@link ImageLineage}): Docker never deletes such an image. */
    private boolean hasChildren(Digest id) {
        List<ImageRecord> all = store.metadata().images();
        String key = all.stream().filter(r -> r.id().equals(id)).findFirst()
                .map(r -> ImageLineage.key(ImageConfig.parse(r.config()))).orElse("");
        return all.stream().anyMatch(r -> ImageLineage.parentKey(ImageConfig.parse(r.config())).filter(key::equals).isPresent());
    }

    private void deleteUntaggedParents(ImageConfig child, List<DeleteResult> results) {
        Optional<String> parentKey = ImageLineage.parentKey(child);
        while (parentKey.isPresent()) {
            List<ImageRecord> all = store.metadata().images();
            String wanted = parentKey.get();
            Optional<ImageRecord> parent = all.stream()
                    .filter(r -> ImageLineage.key(ImageConfig.parse(r.config())).equals(wanted)).findFirst();
            boolean hasChildren = all.stream()
                    .anyMatch(r -> ImageLineage.parentKey(ImageConfig.parse(r.config())).filter(wanted::equals).isPresent());
            if (parent.isEmpty() || hasChildren || !references(parent.get().id()).isEmpty()
                    || !usage.users(parent.get().id()).isEmpty()) {
                return;
            }
            ImageConfig config = ImageConfig.parse(parent.get().config());
            results.addAll(delete(parent.get().id()).results());
            parentKey = ImageLineage.parentKey(config);
        }
    }

    /** Untags everything and deletes the image: for prune, which already checked it is unused. */
    Removal removeUnused(Digest id) {
        List<DeleteResult> results = new ArrayList<>();
        for (ImageReference r : references(id)) {
            untag(id, r, results);
        }
        Removal removal = delete(id);
        results.addAll(removal.results());
        return new Removal(results, removal.reclaimed());
    }

    private Removal delete(Digest id) {
        ImageRecord image = store.metadata().image(id).orElseThrow();
        List<DeleteResult> results = new ArrayList<>();
        for (ImageReference r : references(id)) {
            untag(id, r, results);
        }
        store.metadata().deleteImage(id);
        events.publish("delete", id.toString(), id.toString());
        results.add(new DeleteResult.Deleted(id.toString()));
        long reclaimed = 0;
        for (Digest chain : image.chainIds().reversed()) {
            Optional<LayerRecord> layer = store.layers().layer(chain);
            if (layer.isPresent() && !store.layers().inUse(chain)) {
                store.layers().remove(chain);
                results.add(new DeleteResult.Deleted(chain.toString()));
                reclaimed += layer.get().size();
            }
        }
        deleteUnreferencedBlobs(image);
        return new Removal(results, reclaimed);
    }

    private void deleteUnreferencedBlobs(ImageRecord gone) {
        Set<Digest> used = new HashSet<>();
        for (ImageRecord i : store.metadata().images()) {
            used.add(i.id());
            used.add(i.manifest());
            i.layers().forEach(l -> used.add(l.digest()));
        }
        List<Digest> candidates = new ArrayList<>(List.of(gone.id(), gone.manifest()));
        gone.layers().forEach(l -> candidates.add(l.digest()));
        candidates.stream().filter(d -> !used.contains(d)).forEach(store.content()::delete);
    }

    private Optional<BargeException> conflict(Digest id, boolean hard, boolean softReferences, boolean softContainers) {
        List<ImageUsage.User> users = usage.users(id);
        Optional<ImageUsage.User> running = users.stream().filter(ImageUsage.User::running).findFirst();
        if (hard && running.isPresent()) {
            return Optional.of(conflictError(id, true, "image is being used by running container " + shortId(running.get().containerId())));
        }
        if (softReferences && !references(id).isEmpty()) {
            return Optional.of(conflictError(id, false, "image is referenced in multiple repositories"));
        }
        Optional<ImageUsage.User> stopped = users.stream().filter(u -> !u.running()).findFirst();
        if (softContainers && stopped.isPresent()) {
            return Optional.of(conflictError(id, false, "image is being used by stopped container " + shortId(stopped.get().containerId())));
        }
        return Optional.empty();
    }

    private static BargeException conflictError(Digest id, boolean hard, String why) {
        return BargeException.conflict("conflict: unable to delete %s (%s) - %s", id.shortHex(),
                hard ? "cannot be forced" : "must be forced", why);
    }

    /**
     * At least one reference, at most one of them a tag, and every digest reference in the
     * repository of that tag (or of the first reference): removing it all leaves nothing named.
     */
    private static boolean singleReference(List<ImageReference> refs) {
        if (refs.size() <= 1) {
            return refs.size() == 1;
        }
        List<ImageReference> tags = refs.stream().filter(r -> r.digest() == null).toList();
        if (tags.size() > 1) {
            return false;
        }
        String repository = (tags.isEmpty() ? refs.getFirst() : tags.getFirst()).repository();
        return refs.stream().filter(r -> r.digest() != null).map(ImageReference::repository).distinct().toList().equals(List.of(repository));
    }

    private void untag(Digest id, ImageReference ref, List<DeleteResult> results) {
        if (store.metadata().removeReference(ref.toString())) {
            results.add(new DeleteResult.Untagged(ref.familiar()));
            events.publish("untag", id.toString(), id.toString());
        }
    }

    private List<ImageReference> references(Digest id) {
        return store.metadata().referencesTo(id).stream().map(ImageReference::parse).toList();
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
