package dev.barge.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.core.Json;
import dev.barge.store.Blob;
import dev.barge.store.Compression;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.LayerStore;
import dev.barge.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the images of an unpacked archive into the store: docker-save ({@code manifest.json},
 * including the legacy {@code <id>/layer.tar} layout) or, when there is no manifest.json, an
 * OCI image layout ({@code index.json}). Every blob is checked against its digest (the path
 * {@code blobs/sha256/<hex>} or the OCI descriptor names it) and every layer against the diff
 * ID its config promises. Layers and blobs go to the store through {@link Staging}; the images
 * themselves are only returned, for the caller to commit in one transaction.
 */
final class ArchiveLoader {
    private static final Pattern BLOB_PATH = Pattern.compile("(?:.*/)?blobs/sha256/([a-f0-9]{64})");
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

    /** An image ready to commit, and the references the archive gives it. */
    record Candidate(ImageRecord record, List<ImageReference> references) {}

    private final Store store;
    private final Staging staging;

    ArchiveLoader(Store store, Staging staging) {
        this.store = store;
        this.staging = staging;
    }

    List<Candidate> load(ArchiveDir archive) {
        if (archive.exists("manifest.json")) {
            return loadDockerSave(archive);
        }
        if (archive.exists("index.json")) {
            return loadOciLayout(archive);
        }
        throw BargeException.invalid("invalid image archive: neither manifest.json nor index.json found");
    }

    // ---- docker save

    private List<Candidate> loadDockerSave(ArchiveDir archive) {
        JsonNode manifest = json(archive.read("manifest.json"), "manifest.json");
        if (!manifest.isArray()) {
            throw BargeException.invalid("invalid image archive: manifest.json is not a list");
        }
        List<Candidate> result = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String configPath = entry.path("Config").asText("");
            byte[] config = archive.read(configPath);
            Digest id = Digest.sha256(config);
            blobDigestOf(configPath).ifPresent(expected -> requireDigest(expected, id));
            ImageConfig parsed = ImageConfig.parse(config);
            List<String> layerPaths = new ArrayList<>();
            entry.path("Layers").forEach(l -> layerPaths.add(l.asText()));
            List<Digest> diffIds = diffIdsMatching(parsed, layerPaths.size());
            List<LayerBlob> blobs = new ArrayList<>();
            List<Digest> chain = new ArrayList<>();
            for (int i = 0; i < layerPaths.size(); i++) {
                Blob blob = ingest(archive.member(layerPaths.get(i)), blobDigestOf(layerPaths.get(i)), OptionalLong.empty());
                blobs.add(new LayerBlob(mediaTypeOf(blob.digest()), blob.digest(), blob.size()));
                chain.add(unpack(chain, diffIds.get(i), blob.digest()));
            }
            ingestBytes(config, id);
            List<ImageReference> refs = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> refs.add(parseTag(t.asText())));
            Optional<OriginalManifest> original = originalManifest(archive, id, blobs);
            byte[] manifestBytes = original.map(OriginalManifest::bytes).orElseGet(() -> Manifests.synthesize(id, config.length, blobs));
            Digest manifestDigest = ingestBytes(manifestBytes, Digest.sha256(manifestBytes));
            original.ifPresent(o -> o.repoDigests().stream().filter(r -> !refs.contains(r)).forEach(refs::add));
            result.add(new Candidate(record(id, config, manifestDigest, blobs, chain), refs));
        }
        return result;
    }

    /** A manifest the OCI half of the archive keeps for an image, and the repo digests it names. */
    private record OriginalManifest(byte[] bytes, List<ImageReference> repoDigests) {}

    /**
     * When the archive also has an OCI index (Docker 25+ and Barge write both), the image's
     * original manifest: kept instead of a synthesized one, a pulled image reloads with the same
     * manifest digest, media type and repo digests.
     */
    private Optional<OriginalManifest> originalManifest(ArchiveDir archive, Digest id, List<LayerBlob> blobs) {
        if (!archive.exists("index.json")) {
            return Optional.empty();
        }
        try {
            byte[] found = null;
            List<ImageReference> digests = new ArrayList<>();
            for (JsonNode descriptor : json(archive.read("index.json"), "index.json").path("manifests")) {
                String type = descriptor.path("mediaType").asText("");
                if (type.equals(Manifests.OCI_INDEX) || type.equals(Manifests.DOCKER_LIST)) {
                    continue;
                }
                byte[] bytes = verifiedBlob(archive, descriptor);
                JsonNode m = json(bytes, "manifest");
                List<String> layers = new ArrayList<>();
                m.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
                if (!m.path("config").path("digest").asText().equals(id.toString())
                        || !layers.equals(blobs.stream().map(b -> b.digest().toString()).toList())) {
                    continue;
                }
                found = bytes;
                namesOf(descriptor.path("annotations")).stream().filter(r -> r.digest() != null)
                        .filter(r -> r.digest().equals(Digest.sha256(bytes))).forEach(digests::add);
            }
            return found == null ? Optional.empty() : Optional.of(new OriginalManifest(found, digests));
        } catch (RuntimeException e) {
            return Optional.empty(); // an index we cannot follow: manifest.json alone is enough
        }
    }

    // ---- OCI layout

    private List<Candidate> loadOciLayout(ArchiveDir archive) {
        JsonNode index = json(archive.read("index.json"), "index.json");
        List<Candidate> result = new ArrayList<>();
        for (JsonNode descriptor : index.path("manifests")) {
            List<ImageReference> refs = namesOf(descriptor.path("annotations"));
            JsonNode manifestDescriptor = platformManifest(archive, descriptor);
            Digest manifestDigest = Digest.parse(manifestDescriptor.path("digest").asText());
            byte[] manifestBytes = verifiedBlob(archive, manifestDescriptor);
            JsonNode manifest = json(manifestBytes, manifestDigest.toString());
            byte[] config = verifiedBlob(archive, manifest.path("config"));
            Digest id = Digest.sha256(config);
            ImageConfig parsed = ImageConfig.parse(config);
            List<JsonNode> layerDescriptors = new ArrayList<>();
            manifest.path("layers").forEach(layerDescriptors::add);
            List<Digest> diffIds = diffIdsMatching(parsed, layerDescriptors.size());
            List<LayerBlob> blobs = new ArrayList<>();
            List<Digest> chain = new ArrayList<>();
            for (int i = 0; i < layerDescriptors.size(); i++) {
                JsonNode d = layerDescriptors.get(i);
                Digest digest = Digest.parse(d.path("digest").asText());
                Blob blob = ingest(archive.member("blobs/sha256/" + digest.hex()), Optional.of(digest), OptionalLong.of(d.path("size").asLong()));
                blobs.add(new LayerBlob(d.path("mediaType").asText(mediaTypeOf(digest)), digest, blob.size()));
                chain.add(unpack(chain, diffIds.get(i), digest));
            }
            ingestBytes(config, id);
            ingestBytes(manifestBytes, manifestDigest);
            merge(result, new Candidate(record(id, config, manifestDigest, blobs, chain), refs));
        }
        return result;
    }

    /** Descriptors of one image (its tags, its repo digests) become one candidate with all the names. */
    private static void merge(List<Candidate> result, Candidate next) {
        for (int i = 0; i < result.size(); i++) {
            Candidate c = result.get(i);
            if (c.record().id().equals(next.record().id()) && c.record().manifest().equals(next.record().manifest())) {
                List<ImageReference> refs = new ArrayList<>(c.references());
                next.references().stream().filter(r -> !refs.contains(r)).forEach(refs::add);
                result.set(i, new Candidate(c.record(), refs));
                return;
            }
        }
        result.add(next);
    }

    /** For an index (multi-platform) descriptor, the linux/amd64 manifest, else the first. */
    private JsonNode platformManifest(ArchiveDir archive, JsonNode descriptor) {
        String type = descriptor.path("mediaType").asText("");
        if (!type.equals(Manifests.OCI_INDEX) && !type.equals(Manifests.DOCKER_LIST)) {
            return descriptor;
        }
        JsonNode nested = json(verifiedBlob(archive, descriptor), "index");
        JsonNode chosen = null;
        for (Iterator<JsonNode> it = nested.path("manifests").elements(); it.hasNext(); ) {
            JsonNode m = it.next();
            JsonNode p = m.path("platform");
            if (archive.exists("blobs/sha256/" + Digest.parse(m.path("digest").asText()).hex())
                    && (chosen == null || p.path("os").asText().equals("linux") && p.path("architecture").asText().equals("amd64"))) {
                chosen = m;
            }
        }
        if (chosen == null) {
            throw BargeException.invalid("invalid image archive: no manifest of index %s is in the archive", descriptor.path("digest").asText());
        }
        return platformManifest(archive, chosen);
    }

    private static List<ImageReference> namesOf(JsonNode annotations) {
        String name = annotations.path(CONTAINERD_NAME).asText("");
        if (name.isEmpty()) {
            String refName = annotations.path(OCI_REF_NAME).asText("");
            // a bare tag ("latest") names no repository: only a full reference counts
            if (refName.contains("/") || refName.contains(":") && ImageReference.isValid(refName)) {
                name = refName;
            }
        }
        return name.isEmpty() ? List.of() : List.of(ImageReference.parse(name));
    }

    // ---- blobs and layers

    private byte[] verifiedBlob(ArchiveDir archive, JsonNode descriptor) {
        Digest digest = Digest.parse(descriptor.path("digest").asText());
        byte[] bytes = archive.read("blobs/sha256/" + digest.hex());
        requireDigest(digest, Digest.sha256(bytes));
        if (descriptor.has("size") && descriptor.path("size").asLong() != bytes.length) {
            throw BargeException.invalid("size mismatch for %s: expected %d bytes, actual %d", digest, descriptor.path("size").asLong(), bytes.length);
        }
        return bytes;
    }

    /** A layer blob of the archive into the store: checked, then adopted (hashed once, never copied). */
    private Blob ingest(ArchiveDir.Member member, Optional<Digest> expected, OptionalLong size) {
        expected.ifPresent(e -> requireDigest(e, member.digest()));
        if (size.isPresent() && size.getAsLong() != member.size()) {
            throw BargeException.invalid("size mismatch for %s: expected %d bytes, actual %d", member.digest(), size.getAsLong(), member.size());
        }
        if (!staging.blobIsNew(member.digest())) {
            return new Blob(member.digest(), member.size()); // already verified by its digest: nothing to copy
        }
        return store.content().adopt(member.file(), member.digest());
    }

    private Digest ingestBytes(byte[] bytes, Digest expected) {
        if (!staging.blobIsNew(expected)) {
            return expected;
        }
        store.content().ingest(new java.io.ByteArrayInputStream(bytes), Optional.of(expected), OptionalLong.of(bytes.length));
        return expected;
    }

    private Digest unpack(List<Digest> chainSoFar, Digest diffId, Digest blob) {
        Optional<Digest> parent = chainSoFar.isEmpty() ? Optional.empty() : Optional.of(chainSoFar.getLast());
        try (InputStream tar = Compression.decompressed(store.content().open(blob))) {
            // an uncompressed blob whose digest was checked is its own diff ID: no second hash
            LayerStore.Applied applied = blob.equals(diffId)
                    ? store.layers().applyVerified(parent, diffId, tar)
                    : store.layers().apply(parent, Optional.of(diffId), tar);
            staging.layer(applied);
            return applied.layer().chainId();
        } catch (IOException e) {
            throw BargeException.invalid("cannot read layer %s: %s", blob, e.getMessage());
        }
    }

    private String mediaTypeOf(Digest blob) {
        try (BufferedInputStream in = new BufferedInputStream(store.content().open(blob))) {
            return Compression.detect(in).layerMediaType();
        } catch (IOException e) {
            throw BargeException.internal("cannot read layer " + blob, e);
        }
    }

    private static ImageRecord record(Digest id, byte[] config, Digest manifest, List<LayerBlob> blobs, List<Digest> chain) {
        return new ImageRecord(id, config, manifest, blobs, chain, Instant.now(), Instant.EPOCH);
    }

    private static List<Digest> diffIdsMatching(ImageConfig config, int layers) {
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != layers) {
            throw BargeException.invalid("invalid image archive: config lists %d layers, archive has %d", diffIds.size(), layers);
        }
        return diffIds;
    }

    private static Optional<Digest> blobDigestOf(String path) {
        Matcher m = BLOB_PATH.matcher(path);
        return m.matches() ? Optional.of(new Digest("sha256", m.group(1))) : Optional.empty();
    }

    private static void requireDigest(Digest expected, Digest actual) {
        if (!expected.equals(actual)) {
            throw BargeException.invalid("digest mismatch: expected %s, actual %s", expected, actual);
        }
    }

    private static ImageReference parseTag(String text) {
        ImageReference ref = ImageReference.parse(text);
        if (ref.tag() == null) {
            throw BargeException.invalid("invalid tag %s in manifest.json", text);
        }
        return ref;
    }

    private static JsonNode json(byte[] bytes, String what) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw BargeException.invalid("invalid image archive: %s is not valid JSON", what);
        }
    }
}
