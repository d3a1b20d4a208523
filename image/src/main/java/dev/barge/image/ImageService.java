package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.FileTrees;
import dev.barge.core.ImageReference;
import dev.barge.core.Mount;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerRecord;
import dev.barge.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The local images: load, save, import, list, inspect, history, tag, remove, prune, and
 * resolving a name as Docker does. Writers (load, import, tag, remove, prune) take one lock,
 * so a failed load can take back exactly what it added.
 */
public final class ImageService {
    private final Store store;
    private final EventBus events;
    private final ImageUsage usage;
    private final ReentrantLock lock = new ReentrantLock();
    private final ImageResolver resolver;

    public ImageService(Store store, EventBus events, ImageUsage usage) {
        this.store = store;
        this.events = events;
        this.usage = usage;
        this.resolver = new ImageResolver(store.metadata());
    }

    // ---- reading

    /**
     * The image a name denotes: a reference ({@code busybox}, {@code busybox:1}, {@code name@sha256:...}),
     * a full ID (with or without {@code sha256:}) or a unique ID prefix. NOT_FOUND
     * "No such image: busybox:latest" otherwise.
     */
    public Image resolve(String nameOrId) {
        return image(resolver.resolve(nameOrId));
    }

    /** All images, oldest first. */
    public List<Image> images() {
        return store.metadata().images().stream().map(this::toImage).toList();
    }

    /** {@code docker images}: every image matching the filters, newest first. */
    public List<Image> list(boolean all, ImageFilters filters) {
        return listing(all, filters).images();
    }

    /** A listing's images and, for each of them built here on another, that parent. */
    public record Listing(List<Image> images, Map<Digest, Digest> parents) {}

    /** {@link #list} with the parents, from one read of the store. */
    public Listing listing(boolean all, ImageFilters filters) {
        Optional<java.time.Instant> before = filters.before().map(n -> resolve(n).created());
        Optional<java.time.Instant> since = filters.since().map(n -> resolve(n).created());
        List<Image> result = new ArrayList<>();
        List<Image> every = images();
        java.util.Set<Digest> hidden = all ? java.util.Set.of() : ImageLineage.intermediate(every);
        for (Image image : every) {
            if (hidden.contains(image.id())) {
                continue;
            }
            if (filters.dangling().isPresent() && filters.dangling().get() != image.dangling()
                    || before.isPresent() && !image.created().isBefore(before.get())
                    || since.isPresent() && !image.created().isAfter(since.get())
                    || filters.until().isPresent() && !image.created().isBefore(filters.until().get())
                    || !filters.labelsAccept(image.config().config().labelsOrEmpty())) {
                continue;
            }
            if (!filters.references().isEmpty()) {
                image = withMatchingReferences(image, filters.references());
                if (image.dangling()) {
                    continue;
                }
            }
            result.add(image);
        }
        result.sort(Comparator.comparing(Image::created).reversed());
        return new Listing(result, ImageLineage.parents(every));
    }

    private static Image withMatchingReferences(Image image, List<String> patterns) {
        List<ImageReference> tags = image.tags().stream()
                .filter(t -> patterns.stream().anyMatch(p -> ImageFilters.referenceMatches(p, t))).toList();
        List<ImageReference> digests = image.digests().stream()
                .filter(t -> patterns.stream().anyMatch(p -> ImageFilters.referenceMatches(p, t))).toList();
        return new Image(image.id(), image.config(), image.rawConfig(), tags, digests, image.chainIds(), image.layerSizes(), image.lastTagTime());
    }

    /**
     * Each local image built on another local image (by {@code docker build} or {@code commit}: its
     * history and layers are the other's plus one step), to that parent: inspect's {@code Parent}.
     */
    public Map<Digest, Digest> parents() {
        return ImageLineage.parents(images());
    }

    /** The bytes of each image's layers that other images share too, by image ID. */
    public Map<Digest, Long> sharedSizes() {
        List<Image> all = images();
        Map<Digest, Integer> users = new HashMap<>();
        all.forEach(i -> i.chainIds().forEach(c -> users.merge(c, 1, Integer::sum)));
        Map<Digest, Long> shared = new HashMap<>();
        for (Image i : all) {
            long sum = 0;
            for (int n = 0; n < i.chainIds().size(); n++) {
                if (users.get(i.chainIds().get(n)) > 1) {
                    sum += i.layerSizes().get(n);
                }
            }
            shared.put(i.id(), sum);
        }
        return shared;
    }

    /** {@code docker history}: newest step first. */
    public List<HistoryItem> history(String name) {
        Image image = resolve(name);
        List<ImageConfig.HistoryEntry> steps = image.config().history();
        List<Optional<Digest>> ancestors = ImageLineage.ancestors(image, images());
        List<HistoryItem> items = new ArrayList<>();
        int layer = 0;
        for (int i = 0; i < steps.size(); i++) {
            ImageConfig.HistoryEntry step = steps.get(i);
            long size = 0;
            if (!step.emptyLayer() && layer < image.layerSizes().size()) {
                size = image.layerSizes().get(layer++);
            }
            boolean top = i == steps.size() - 1;
            Optional<Image> at = top ? Optional.of(image) : ancestors.get(i).map(this::image);
            items.add(new HistoryItem(at.map(a -> a.id().toString()).orElse("<missing>"),
                    step.createdInstant().orElse(java.time.Instant.EPOCH), step.createdBy(),
                    at.map(Image::familiarTags).orElse(List.of()), size, step.comment()));
        }
        return items.reversed();
    }

    /** Docker's overlay2 {@code GraphDriver.Data} of an image: its top layer and those below. */
    public Map<String, String> graphDriverData(Image image) {
        Map<String, String> data = new LinkedHashMap<>();
        if (image.chainIds().isEmpty()) {
            return data;
        }
        List<LayerRecord> layers = image.chainIds().stream().map(c -> store.layers().layer(c).orElseThrow()).toList();
        Path top = store.layers().layerDir(layers.getLast());
        List<String> lowers = new ArrayList<>();
        for (int i = layers.size() - 2; i >= 0; i--) {
            lowers.add(store.layers().diffDir(layers.get(i)).toString());
        }
        if (!lowers.isEmpty()) {
            data.put("LowerDir", String.join(":", lowers));
        }
        data.put("MergedDir", top.resolve("merged").toString());
        data.put("UpperDir", top.resolve("diff").toString());
        data.put("WorkDir", top.resolve("work").toString());
        return data;
    }

    /** Creates a container's writable layer on the image; see {@code LayerStore.prepareRwLayer}. */
    public List<Mount> prepareRwLayer(String containerId, Image image) {
        return store.layers().prepareRwLayer(containerId, image.chainIds());
    }

    /**
     * Idempotent form for the container service: the container's writable layer over the image
     * {@code imageId} (an ID or any name {@link #resolve} takes), created on first call; later
     * calls (a restart, say) return the existing layer's mount even if the image is gone since.
     */
    public List<Mount> prepareRootfs(String containerId, String imageId) {
        return locked(() -> store.metadata().rwLayer(containerId).isPresent()
                ? store.layers().rwLayerMounts(containerId)
                : store.layers().prepareRwLayer(containerId, resolve(imageId).chainIds()));
    }

    /** The overlay mount of an existing container layer, e.g. after a daemon restart. */
    public List<Mount> rwLayerMounts(String containerId) {
        return store.layers().rwLayerMounts(containerId);
    }

    public void removeRwLayer(String containerId) {
        store.layers().removeRwLayer(containerId);
    }

    public Path rwLayerDiff(String containerId) {
        return store.layers().rwLayerDiff(containerId);
    }

    /** Bytes the container wrote to its writable layer ({@code SizeRw}); 0 without a layer. */
    public long rwLayerSize(String containerId) {
        return Math.max(0, FileTrees.size(rwLayerDiff(containerId)));
    }

    // ---- load, save, import

    /**
     * {@code docker load}: reads a docker-save or OCI archive (plain or compressed), commits its
     * images and reports each result line ("Loaded image: busybox:latest", "Loaded image ID:
     * sha256:...") to {@code progress} as it happens. All or nothing: on any failure the store
     * is left as it was.
     */
    public List<String> load(InputStream archive, boolean quiet, Consumer<String> progress) {
        try (ArchiveDir dir = ArchiveDir.unpack(archive, store.tmp())) {
            return locked(() -> {
                Staging staging = new Staging(store);
                List<ArchiveLoader.Candidate> candidates;
                try {
                    candidates = new ArchiveLoader(store, staging).load(dir);
                } catch (RuntimeException e) {
                    staging.rollback();
                    throw e;
                }
                List<String> messages = new ArrayList<>();
                for (ArchiveLoader.Candidate c : candidates) {
                    commit(c.record(), c.references(), "load", m -> {
                        messages.add(m);
                        progress.accept(m);
                    });
                }
                return messages;
            });
        }
    }

    private void commit(ImageRecord record, List<ImageReference> refs, String action, Consumer<String> progress) {
        List<String> names = refs.stream().map(ImageReference::toString).toList();
        Map<String, Digest> moved = store.metadata().putImage(record, names);
        if (!refs.isEmpty()) {
            store.metadata().setLastTagTime(record.id(), java.time.Instant.now());
        }
        for (ImageReference ref : refs) {
            Digest old = moved.get(ref.toString());
            if (old != null) {
                progress.accept("The image " + ref.familiar() + " already exists, renaming the old one with ID " + old + " to empty string");
            }
        }
        publish(action, record.id().toString(), record.id().toString());
        List<ImageReference> tags = refs.stream().filter(r -> r.digest() == null).toList();
        for (ImageReference ref : tags) {
            progress.accept("Loaded image: " + ref.familiar());
            publish("tag", record.id().toString(), ref.familiar());
        }
        if (tags.isEmpty()) {
            progress.accept("Loaded image ID: " + record.id());
        }
    }

    /**
     * {@code docker save}: writes the named images (names are resolved before the first byte
     * is written, so a bad name fails cleanly) as one tar in both layouts.
     */
    public void save(List<String> names, OutputStream out) {
        Map<Digest, List<ImageReference>> selected = new LinkedHashMap<>();
        for (String name : names) {
            Digest id = resolver.resolve(name);
            List<ImageReference> tags = selected.computeIfAbsent(id, k -> new ArrayList<>());
            resolver.tagsNamedBy(name, id).stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        }
        List<ArchiveWriter.Entry> entries = new ArrayList<>();
        selected.forEach((id, tags) -> {
            // the repo digests of the saved repositories travel too, so a reload shows them again
            List<String> repositories = tags.stream().map(t -> t.domain() + "/" + t.path()).toList();
            List<ImageReference> digests = store.metadata().referencesTo(id).stream().filter(r -> r.contains("@"))
                    .map(ImageReference::parse).filter(d -> repositories.contains(d.domain() + "/" + d.path())).toList();
            entries.add(new ArchiveWriter.Entry(store.metadata().image(id).orElseThrow(), tags, digests));
        });
        try {
            ArchiveWriter.write(store, entries, out);
        } catch (IOException e) {
            throw BargeException.internal("cannot write image archive: " + e.getMessage(), e);
        }
        selected.keySet().forEach(id -> publish("save", id.toString(), id.toString()));
    }

    /**
     * {@code docker import}: a root file system tar (plain or compressed) becomes a one-layer
     * image, its config shaped by Dockerfile-like {@code changes}. Returns the new image ID.
     */
    public Digest importImage(InputStream rootfs, String reference, List<String> changes, String message) {
        Optional<ImageReference> ref = reference.isEmpty() ? Optional.empty() : Optional.of(parseTagReference(reference));
        RunConfig config = ConfigChanges.apply(RunConfig.EMPTY, changes);
        return locked(() -> {
            Staging staging = new Staging(store);
            try {
                ImageRecord record = new ImageImporter(store, staging).importLayer(rootfs, config,
                        message.isEmpty() ? "Imported from -" : message);
                commit(record, ref.map(List::of).orElse(List.of()), "import", m -> { });
                return record.id();
            } catch (RuntimeException e) {
                staging.rollback();
                throw e;
            }
        });
    }

    /**
     * {@code docker commit}: a new image of {@code parentId}'s layers plus {@code layerTar} (an
     * uncompressed layer tar), with {@code config} and a history entry. Returns its ID.
     */
    public Digest commit(String parentId, Path layerTar, RunConfig config, String reference, String comment,
                         String author, String createdBy, String containerId) {
        return commit(parentId, layerTar, config, reference, comment, author, createdBy, containerId, Map.of());
    }

    /** As above, keeping the committed container's configuration ({@code container_config}). */
    public Digest commit(String parentId, Path layerTar, RunConfig config, String reference, String comment,
                         String author, String createdBy, String containerId, Map<String, Object> containerConfig) {
        Optional<ImageReference> ref = reference.isEmpty() ? Optional.empty() : Optional.of(parseTagReference(reference));
        return locked(() -> {
            ImageRecord parent = store.metadata().image(resolver.resolve(parentId))
                    .orElseThrow(() -> BargeException.notFound("No such image: %s", parentId));
            Staging staging = new Staging(store);
            try {
                ImageRecord record = new ImageCommitter(store, staging).commit(parent, layerTar, config,
                        new ImageCommitter.Details(comment, author, createdBy, containerId, containerConfig));
                commit(record, ref.map(List::of).orElse(List.of()), "commit", m -> { });
                return record.id();
            } catch (RuntimeException e) {
                staging.rollback();
                throw e;
            }
        });
    }

    /**
     * The legacy builder's configuration-only step: a new image of {@code parentId}'s layers with
     * {@code config} and a history entry marked {@code empty_layer} ({@code docker history} shows
     * 0B). No event, as Docker's builder makes these silently. Returns its ID.
     */
    public Digest configure(String parentId, RunConfig config, String createdBy) {
        return configure(parentId, config, createdBy, Map.of());
    }

    /** As above, keeping the builder step's container configuration ({@code container_config}). */
    public Digest configure(String parentId, RunConfig config, String createdBy, Map<String, Object> containerConfig) {
        return locked(() -> {
            ImageRecord parent = store.metadata().image(resolver.resolve(parentId))
                    .orElseThrow(() -> BargeException.notFound("No such image: %s", parentId));
            Staging staging = new Staging(store);
            try {
                ImageRecord record = new ImageCommitter(store, staging).configure(parent, config,
                        new ImageCommitter.Details("", "", createdBy, "", containerConfig));
                store.metadata().putImage(record, List.of());
                return record.id();
            } catch (RuntimeException e) {
                staging.rollback();
                throw e;
            }
        });
    }

    /**
     * {@code docker build --cache-from}: a new image of {@code parentId} plus the next step of
     * {@code sourceId} (whose history and layers start with the parent's): that step's history
     * entry and layer, with {@code config}. Returns its ID (the same for the same inputs).
     */
    public Digest restoreStep(String parentId, String sourceId, RunConfig config) {
        return locked(() -> {
            ImageRecord parent = store.metadata().image(resolver.resolve(parentId))
                    .orElseThrow(() -> BargeException.notFound("No such image: %s", parentId));
            ImageRecord source = store.metadata().image(resolver.resolve(sourceId))
                    .orElseThrow(() -> BargeException.notFound("No such image: %s", sourceId));
            Staging staging = new Staging(store);
            try {
                ImageRecord record = new ImageCommitter(store, staging).restore(parent, source, config);
                if (store.metadata().image(record.id()).isEmpty()) {
                    store.metadata().putImage(record, List.of());
                }
                return record.id();
            } catch (RuntimeException e) {
                staging.rollback();
                throw e;
            }
        });
    }

    /** The {@code k=v k2="v 2"} (or legacy {@code k v w}) pairs of an ENV or LABEL change, unquoted. */
    public static List<Map.Entry<String, String>> keyValues(String rest, String word) {
        return ConfigChanges.pairs(rest, word);
    }

    /** Applies Dockerfile-like {@code changes} ({@code CMD}, {@code ENV}...) to a run config. */
    public static RunConfig applyChanges(RunConfig config, List<String> changes) {
        return ConfigChanges.apply(config, changes);
    }

    // ---- tag, remove, prune

    /** {@code docker tag}: points {@code repo:tag} (tag defaults to latest) at the image. */
    public void tag(String source, String repo, String tag) {
        Digest id = resolver.resolve(source);
        ImageReference ref = parseTagReference(tag.isEmpty() ? repo : repo + ":" + tag);
        locked(() -> {
            store.metadata().setReference(ref.toString(), id);
            store.metadata().setLastTagTime(id, java.time.Instant.now());
            return null;
        });
        publish("tag", id.toString(), ref.familiar());
    }

    /** {@code docker rmi}, with Docker's rules; see {@link ImageRemover}. */
    public List<DeleteResult> remove(String name, boolean force, boolean noprune) {
        return locked(() -> new ImageRemover(store, resolver, usage, this::publish).remove(name, force, noprune));
    }

    /** {@code docker image prune}: dangling images, or with {@code all} every unused image. */
    public PruneResult prune(boolean all, ImageFilters filters) {
        PruneResult result = locked(() -> {
            ImageRemover remover = new ImageRemover(store, resolver, usage, this::publish);
            List<DeleteResult> deleted = new ArrayList<>();
            long reclaimed = 0;
            // the builder's intermediate images are not dangling: they are the cache of the images built on them;
            // once their last child goes they are, so pruning goes round until nothing more is eligible
            java.util.Set<Digest> tried = new java.util.HashSet<>();
            boolean more = true;
            while (more) {
                more = false;
                List<Image> every = images();
                java.util.Set<Digest> intermediate = all ? java.util.Set.of() : ImageLineage.intermediate(every);
                for (Image image : every) {
                    boolean eligible = (all || image.dangling() && !intermediate.contains(image.id()))
                            && usage.users(image.id()).isEmpty()
                            && filters.until().map(u -> image.created().isBefore(u)).orElse(true)
                            && filters.labelsAccept(image.config().config().labelsOrEmpty());
                    if (eligible && tried.add(image.id())) {
                        ImageRemover.Removal r = remover.removeUnused(image.id());
                        deleted.addAll(r.results());
                        reclaimed += r.reclaimed();
                        more = true;
                    }
                }
            }
            return new PruneResult(deleted, reclaimed);
        });
        events.publish(Event.now("image", "prune", "", Map.of("reclaimed", Long.toString(result.spaceReclaimed()))));
        return result;
    }

    // ---- helpers

    Image image(Digest id) {
        ImageRecord r = store.metadata().image(id).orElseThrow(() -> BargeException.notFound("No such image: %s", id));
        return toImage(r);
    }

    private Image toImage(ImageRecord r) {
        List<ImageReference> tags = new ArrayList<>();
        List<ImageReference> digests = new ArrayList<>();
        for (String name : store.metadata().referencesTo(r.id())) {
            ImageReference ref = ImageReference.parse(name);
            (ref.digest() != null ? digests : tags).add(ref);
        }
        List<Long> sizes = r.chainIds().stream()
                .map(c -> store.layers().layer(c).map(LayerRecord::size).orElse(0L)).toList();
        return new Image(r.id(), ImageConfig.parse(r.config()), r.config(), tags, digests, r.chainIds(), sizes, r.lastTagTime());
    }

    static ImageReference parseTagReference(String text) {
        if (text.contains("@")) {
            throw BargeException.invalid("refusing to create a tag with a digest reference");
        }
        return ImageReference.parse(text);
    }

    private void publish(String action, String id, String name) {
        events.publish(Event.now("image", action, id, Map.of("name", name)));
    }

    /** Runs {@code work} under the writers' lock (pull and push commit under it too). */
    <T> T locked(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
