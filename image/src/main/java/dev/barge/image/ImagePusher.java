package dev.barge.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.core.Json;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.MediaTypes;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryException;
import dev.barge.distribution.Repository;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code docker push}: sends an image's layer blobs as stored (skipping those the registry has,
 * mounting those another repository of the same registry has), its config, then its manifest:
 * the one it was pulled or loaded with when that still describes it, else one built from the
 * stored blobs. The pushed digest becomes a {@code RepoDigest}.
 */
public final class ImagePusher {
    private final ImageService images;
    private final Store store;
    private final RegistryClient registries;
    private final EventBus events;
    private final int parallelUploads;

    public ImagePusher(ImageService images, Store store, RegistryClient registries, EventBus events, int parallelUploads) {
        this.images = images;
        this.store = store;
        this.registries = registries;
        this.events = events;
        this.parallelUploads = parallelUploads;
    }

    /**
     * Pushes {@code name} ({@code localhost:5000/x}) with {@code tag}, or every local tag of that
     * repository when {@code tag} is empty.
     */
    public List<PushResult> push(String name, String tag, Credentials credentials, Consumer<TransferProgress> progress) {
        ImageReference repoRef = ImageReference.parse(name);
        if (repoRef.digest() != null) {
            throw BargeException.invalid("cannot push a digest reference");
        }
        List<ImageReference> targets = new ArrayList<>();
        if (!tag.isEmpty()) {
            targets.add(repoRef.withTag(tag));
        } else if (name.contains(":") && name.lastIndexOf(':') > name.lastIndexOf('/')) {
            targets.add(repoRef);
        } else {
            for (var img : images.images()) {
                img.tags().stream().filter(t -> t.repository().equals(repoRef.repository())).forEach(targets::add);
            }
            if (targets.isEmpty()) {
                throw BargeException.notFound("An image does not exist locally with the tag: %s", repoRef.familiarRepository());
            }
        }
        List<Digest> ids = new ArrayList<>();
        for (ImageReference t : targets) {
            ids.add(store.metadata().reference(t.toString()).orElseThrow(
                    () -> BargeException.notFound("An image does not exist locally with the tag: %s", t.familiarRepository())));
        }
        Consumer<TransferProgress> out = p -> {
            synchronized (this) {
                progress.accept(p);
            }
        };
        out.accept(TransferProgress.line("The push refers to repository [" + repoRef.familiarRepository() + "]"));
        List<PushResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                results.add(pushOne(targets.get(i), ids.get(i), credentials, out));
            }
        } catch (RegistryException e) {
            throw RegistryErrors.push(e);
        }
        return results;
    }

    private PushResult pushOne(ImageReference target, Digest id, Credentials credentials, Consumer<TransferProgress> out) {
        ImageRecord record = store.metadata().image(id).orElseThrow(() -> BargeException.notFound("No such image: %s", id));
        List<String> mountSources = mountSources(target, id);
        Repository repo = registries.forPush(target.domain(), target.path(), credentials, mountSources);
        repo.ping();
        List<Digest> diffIds = ImageConfig.parse(record.config()).diffIds();
        List<LayerBlob> layers = record.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            out.accept(TransferProgress.of(layerId(diffIds, layers, i), "Preparing"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelUploads), Thread.ofVirtual().factory());
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                LayerBlob layer = layers.get(i);
                String shown = layerId(diffIds, layers, i);
                uploads.add(pool.submit(() -> {
                    pushLayer(repo, layer, shown, mountSources, out);
                    return null;
                }));
            }
            for (Future<?> f : uploads) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] config = record.config();
        if (!repo.hasBlob(record.id())) {
            repo.uploadBlob(record.id(), config.length, () -> new java.io.ByteArrayInputStream(config), n -> { });
        }
        Manifest manifest = manifestOf(record);
        Digest digest = repo.putManifest(target.tag(), manifest.mediaType(), manifest.bytes());
        out.accept(TransferProgress.line(target.tag() + ": digest: " + digest + " size: " + manifest.bytes().length));
        images.locked(() -> store.metadata().setReference(new ImageReference(target.domain(), target.path(), null, digest).toString(), id));
        events.publish(Event.now("image", "push", target.familiar(), Map.of("name", target.familiar())));
        return new PushResult(target.tag(), digest, manifest.bytes().length);
    }

    private void pushLayer(Repository repo, LayerBlob layer, String shown, List<String> mountSources, Consumer<TransferProgress> out) {
        if (repo.hasBlob(layer.digest())) {
            out.accept(TransferProgress.of(shown, "Layer already exists"));
            return;
        }
        for (String source : mountSources) {
            if (repo.mountBlob(layer.digest(), source)) {
                out.accept(TransferProgress.of(shown, "Mounted from " + source));
                return;
            }
        }
        if (!store.content().contains(layer.digest())) {
            throw BargeException.notFound("layer blob %s is not in the store: pull or load the image again to push it", layer.digest());
        }
        // "Pushing" with current/total as the bytes leave, at most every 100 ms (as dockerd's
        // progress reader): the CLI draws its bar from these
        repo.uploadBlob(layer.digest(), layer.size(),
                () -> new ProgressStream(store.content().open(layer.digest()), n -> out.accept(new TransferProgress(shown, "Pushing", n, layer.size()))),
                n -> { });
        out.accept(TransferProgress.of(shown, "Pushed"));
    }

    /** Other repositories of the same registry that this image came from or went to. */
    private List<String> mountSources(ImageReference target, Digest id) {
        List<String> sources = new ArrayList<>();
        for (String name : store.metadata().referencesTo(id)) {
            ImageReference r = ImageReference.parse(name);
            if (r.domain().equals(target.domain()) && !r.path().equals(target.path()) && !sources.contains(r.path())) {
                sources.add(r.path());
            }
        }
        return sources;
    }

    private record Manifest(String mediaType, byte[] bytes) {}

    /** The stored manifest when it still names this config and these layers; else a fresh OCI one. */
    private Manifest manifestOf(ImageRecord record) {
        if (store.content().contains(record.manifest())) {
            byte[] bytes = store.content().read(record.manifest());
            try {
                JsonNode m = Json.mapper().readTree(bytes);
                List<String> layerDigests = new ArrayList<>();
                m.path("layers").forEach(l -> layerDigests.add(l.path("digest").asText()));
                String type = m.path("mediaType").asText(MediaTypes.OCI_MANIFEST);
                if (m.path("config").path("digest").asText().equals(record.id().toString())
                        && layerDigests.equals(record.layers().stream().map(l -> l.digest().toString()).toList())
                        && MediaTypes.isManifest(type)) {
                    return new Manifest(type, bytes);
                }
            } catch (IOException e) {
                // fall through to a fresh manifest
            }
        }
        return new Manifest(MediaTypes.OCI_MANIFEST, Manifests.synthesize(record.id(), record.config().length, record.layers()));
    }

    private static String layerId(List<Digest> diffIds, List<LayerBlob> layers, int i) {
        return (i < diffIds.size() ? diffIds.get(i) : layers.get(i).digest()).shortHex();
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : BargeException.internal(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.unavailable("push interrupted");
        }
    }
}
