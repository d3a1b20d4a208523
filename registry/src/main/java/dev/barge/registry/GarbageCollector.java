package dev.barge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import dev.barge.distribution.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Mark and sweep over the content store. Mark: every manifest revision of every repository
 * (tagged or not), its config and layers, and the manifests an index lists. Sweep: every other
 * blob, and the repository links to it. Run it while the registry is stopped (or read-only):
 * a blob uploaded for a manifest not yet pushed is unreferenced and would be swept.
 */
final class GarbageCollector {
    private final RegistryStorage storage;

    GarbageCollector(RegistryStorage storage) {
        this.storage = storage;
    }

    /** Returns the blobs removed (or, in a dry run, that would be). */
    List<Digest> collect(boolean dryRun, Consumer<String> log) {
        Set<Digest> marked = mark(log);
        List<Digest> swept = new ArrayList<>();
        for (Digest blob : storage.content().list()) {
            if (!marked.contains(blob)) {
                swept.add(blob);
                log.accept((dryRun ? "would delete blob: " : "deleting blob: ") + blob);
                if (!dryRun) {
                    storage.content().delete(blob);
                    storage.repositories().forEach(r -> storage.unlinkBlob(r, blob));
                }
            }
        }
        log.accept(marked.size() + " blobs marked, " + swept.size() + " blobs " + (dryRun ? "eligible for deletion" : "deleted"));
        return swept;
    }

    private Set<Digest> mark(Consumer<String> log) {
        Set<Digest> marked = new HashSet<>();
        for (String repo : storage.repositories()) {
            for (Digest manifest : storage.revisions(repo)) {
                if (storage.content().contains(manifest)) {
                    log.accept(repo + ": marking manifest " + manifest);
                    markManifest(manifest, marked);
                }
            }
        }
        return marked;
    }

    private void markManifest(Digest digest, Set<Digest> marked) {
        if (!marked.add(digest) || !storage.content().contains(digest)) {
            return;
        }
        JsonNode m;
        try {
            m = Json.mapper().readTree(storage.content().read(digest));
        } catch (IOException e) {
            return; // not JSON: nothing it references
        }
        if (MediaTypes.isIndex(m.path("mediaType").asText("")) || m.has("manifests")) {
            m.path("manifests").forEach(d -> digestOf(d).ifPresent(child -> markManifest(child, marked)));
        }
        digestOf(m.path("config")).ifPresent(marked::add);
        m.path("layers").forEach(d -> digestOf(d).ifPresent(marked::add));
        m.path("blobs").forEach(d -> digestOf(d).ifPresent(marked::add));
    }

    private static java.util.Optional<Digest> digestOf(JsonNode descriptor) {
        String text = descriptor.path("digest").asText("");
        return Digest.isDigest(text) ? java.util.Optional.of(Digest.parse(text)) : java.util.Optional.empty();
    }
}
