package dev.barge.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.core.Json;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.FetchedManifest;
import dev.barge.distribution.MediaTypes;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryException;
import dev.barge.distribution.Repository;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code docker pull}: resolves the reference to a manifest (choosing the platform in an index),
 * downloads the config and the missing layers ({@link LayerDownloads}: verified, in parallel,
 * resumed), unpacks them in order and commits the image with its tag and repo digest in one
 * transaction. All or nothing: a failure takes back every blob and layer this pull added.
 */
public final class ImagePuller {
    private static final int CONFIG_LIMIT = 8 << 20;
    private final ImageService images;
    private final Store store;
    private final RegistryClient registries;
    private final EventBus events;
    private final int parallelDownloads;

    public ImagePuller(ImageService images, Store store, RegistryClient registries, EventBus events, int parallelDownloads) {
        this.images = images;
        this.store = store;
        this.registries = registries;
        this.events = events;
        this.parallelDownloads = parallelDownloads;
    }

    /** Pulls {@code reference} ({@code busybox}, {@code x:tag}, {@code x@sha256:...}); returns the image ID. */
    public Digest pull(String reference, PlatformSpec platform, Credentials credentials, Consumer<TransferProgress> progress) {
        ImageReference ref = ImageReference.parse(reference);
        Consumer<TransferProgress> out = synchronizedConsumer(progress);
        try {
            return pull(ref, platform, credentials, out);
        } catch (RegistryException e) {
            throw RegistryErrors.pull(e, ref);
        }
    }

    private Digest pull(ImageReference ref, PlatformSpec platform, Credentials credentials, Consumer<TransferProgress> out) {
        String tagOrDigest = ref.digest() != null ? ref.digest().toString() : ref.tag();
        Located located = locate(registries.pullCandidates(ref.domain(), ref.path(), credentials), tagOrDigest);
        Repository repo = located.repo();
        FetchedManifest top = located.top();
        FetchedManifest manifest = MediaTypes.isIndex(top.mediaType()) ? choose(repo, top, platform, ref) : top;
        out.accept(TransferProgress.message(ref.tag() != null && ref.digest() == null ? ref.tag() : tagOrDigest, "Pulling from " + ref.path()));
        JsonNode m = Json.parse(manifest.bytes(), JsonNode.class);
        if (!MediaTypes.isManifest(manifest.mediaType()) && !m.has("config")) {
            throw BargeException.invalid("unsupported manifest media type %s for %s", manifest.mediaType(), ref.familiar());
        }
        List<LayerBlob> layers = layersOf(m);
        Digest configDigest = Digest.parse(m.path("config").path("digest").asText());
        long configSize = m.path("config").path("size").asLong();
        byte[] config = store.content().contains(configDigest) ? store.content().read(configDigest)
                : repo.blobBytes(configDigest, configSize, CONFIG_LIMIT);
        ImageConfig parsed = ImageConfig.parse(config);
        if (platform != PlatformSpec.DEFAULT && !MediaTypes.isIndex(top.mediaType())
                && !platform.matches(parsed.os(), parsed.architecture(), parsed.variant())) {
            throw BargeException.notFound("image with reference %s was found but its platform (%s) does not match the specified platform (%s)",
                    ref.familiar(), new PlatformSpec(parsed.os(), parsed.architecture(), parsed.variant()), platform);
        }
        List<Digest> diffIds = parsed.diffIds();
        if (diffIds.size() != layers.size()) {
            throw BargeException.invalid("invalid image %s: config lists %d layers, manifest %d", ref.familiar(), diffIds.size(), layers.size());
        }
        Optional<Digest> before = store.metadata().reference(tagReference(ref).toString());
        Staging staging = new Staging(store);
        try {
            List<Digest> chain = new LayerDownloads(store, repo, staging, out, parallelDownloads).fetchAndUnpack(layers, diffIds, images);
            return images.locked(() -> {
                ingest(staging, config, configDigest);
                ingest(staging, manifest.bytes(), manifest.digest());
                ImageRecord record = new ImageRecord(configDigest, config, manifest.digest(), layers, chain, Instant.now(), Instant.EPOCH);
                List<String> refs = new ArrayList<>();
                if (ref.digest() == null) {
                    refs.add(tagReference(ref).toString());
                }
                refs.add(new ImageReference(ref.domain(), ref.path(), null, top.digest()).toString());
                store.metadata().putImage(record, refs);
                if (ref.digest() == null) {
                    store.metadata().setLastTagTime(configDigest, Instant.now());
                }
                out.accept(TransferProgress.line("Digest: " + top.digest()));
                boolean upToDate = before.filter(configDigest::equals).isPresent();
                out.accept(TransferProgress.line("Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ")
                        + ref.familiar()));
                events.publish(Event.now("image", "pull", ref.familiar(), Map.of("name", ref.familiar())));
                return configDigest;
            });
        } catch (RuntimeException e) {
            images.locked(() -> {
                staging.rollback();
                return null;
            });
            throw e;
        }
    }

    private record Located(Repository repo, FetchedManifest top) {}

    /** The first endpoint that has the manifest: mirrors first, then the registry itself. */
    private static Located locate(List<Repository> candidates, String tagOrDigest) {
        for (int i = 0; ; i++) {
            Repository repo = candidates.get(i);
            try {
                return new Located(repo, repo.manifest(tagOrDigest));
            } catch (RegistryException | BargeException e) {
                if (i == candidates.size() - 1) {
                    throw e; // the registry itself answered: its error is the one to show
                }
                // a mirror without the image, or down: try the next endpoint, as Docker does
            }
        }
    }

    private static ImageReference tagReference(ImageReference ref) {
        return new ImageReference(ref.domain(), ref.path(), ref.tag() == null ? "latest" : ref.tag(), null);
    }

    private void ingest(Staging staging, byte[] bytes, Digest digest) {
        if (staging.blobIsNew(digest)) {
            store.content().ingest(new java.io.ByteArrayInputStream(bytes), Optional.of(digest), java.util.OptionalLong.of(bytes.length));
        }
    }

    /** The index entry for the platform, fetched; NOT_FOUND in Docker's words when there is none. */
    private static FetchedManifest choose(Repository repo, FetchedManifest index, PlatformSpec platform, ImageReference ref) {
        JsonNode root = Json.parse(index.bytes(), JsonNode.class);
        for (JsonNode entry : root.path("manifests")) {
            if (platform.matches(entry.path("platform")) && MediaTypes.isManifest(entry.path("mediaType").asText(MediaTypes.OCI_MANIFEST))) {
                FetchedManifest chosen = repo.manifest(entry.path("digest").asText());
                if (MediaTypes.isIndex(chosen.mediaType())) {
                    throw BargeException.invalid("nested index for %s is not supported", ref.familiar());
                }
                return chosen;
            }
        }
        throw BargeException.notFound("no matching manifest for %s in the manifest list entries", platform);
    }

    private static List<LayerBlob> layersOf(JsonNode manifest) {
        List<LayerBlob> layers = new ArrayList<>();
        for (JsonNode d : manifest.path("layers")) {
            String type = d.path("mediaType").asText("");
            if (!isLayerType(type)) {
                throw BargeException.invalid("unsupported layer media type %s", type);
            }
            layers.add(new LayerBlob(type, Digest.parse(d.path("digest").asText()), d.path("size").asLong()));
        }
        return layers;
    }

    private static boolean isLayerType(String type) {
        return type.startsWith("application/vnd.oci.image.layer.v1.tar") || type.startsWith("application/vnd.docker.image.rootfs.diff.tar");
    }

    private static Consumer<TransferProgress> synchronizedConsumer(Consumer<TransferProgress> c) {
        Object lock = new Object();
        return p -> {
            synchronized (lock) {
                c.accept(p);
            }
        };
    }
}
