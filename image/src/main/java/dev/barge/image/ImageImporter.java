package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import dev.barge.store.Blob;
import dev.barge.store.Compression;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.LayerStore;
import dev.barge.store.Store;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code docker import}: one root file system tar becomes a one-layer image with a fresh
 * config (the given run config, one history entry with the comment, as Docker writes it).
 * The tar is kept as shipped, so save re-emits it unchanged.
 */
final class ImageImporter {
    private final Store store;
    private final Staging staging;

    ImageImporter(Store store, Staging staging) {
        this.store = store;
        this.staging = staging;
    }

    ImageRecord importLayer(InputStream rootfs, RunConfig config, String comment) {
        Blob blob = ingestLayer(rootfs);
        String mediaType;
        try (BufferedInputStream in = new BufferedInputStream(store.content().open(blob.digest()))) {
            mediaType = Compression.detect(in).layerMediaType();
        } catch (IOException e) {
            throw BargeException.internal("cannot read imported layer", e);
        }
        LayerStore.Applied applied;
        try (InputStream tar = Compression.decompressed(store.content().open(blob.digest()))) {
            // an uncompressed tar is its own diff ID, already hashed
            applied = mediaType.equals(Compression.NONE.layerMediaType())
                    ? store.layers().applyVerified(Optional.empty(), blob.digest(), tar)
                    : store.layers().apply(Optional.empty(), Optional.empty(), tar);
        } catch (IOException e) {
            throw BargeException.invalid("cannot read root file system tar: %s", e.getMessage());
        }
        staging.layer(applied);
        String created = dev.barge.core.GoTime.format(Instant.now());
        byte[] configBytes = Json.bytes(configJson(config, comment, created, applied.layer().diffId()));
        Digest id = ingest(configBytes);
        List<LayerBlob> layers = List.of(new LayerBlob(mediaType, blob.digest(), blob.size()));
        Digest manifest = ingest(Manifests.synthesize(id, configBytes.length, layers));
        return new ImageRecord(id, configBytes, manifest, layers, List.of(applied.layer().chainId()), Instant.now(), Instant.EPOCH);
    }

    private static Map<String, Object> configJson(RunConfig config, String comment, String created, Digest diffId) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", architecture());
        c.put("comment", comment);
        c.put("config", config);
        c.put("created", created);
        c.put("history", List.of(Map.of("created", created, "comment", comment)));
        c.put("os", "linux");
        c.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId.toString())));
        return c;
    }

    static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
    }

    /** Streams the upload to scratch space while hashing, then publishes it in the content store. */
    private Blob ingestLayer(InputStream rootfs) {
        Path temp = store.tmp().resolve("import-" + UUID.randomUUID());
        try {
            MessageDigest sha = Digest.newSha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = rootfs.transferTo(out);
            }
            if (size == 0) {
                throw BargeException.invalid("the root file system tar is empty");
            }
            Digest digest = Digest.of(sha);
            staging.blobIsNew(digest);
            return store.content().adopt(temp, digest); // hashed as it arrived: no second pass
        } catch (IOException e) {
            throw BargeException.invalid("cannot read root file system tar: %s", e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the scratch directory is emptied at start-up
            }
        }
    }

    private Digest ingest(byte[] bytes) {
        Digest digest = Digest.sha256(bytes);
        staging.blobIsNew(digest);
        store.content().ingest(new ByteArrayInputStream(bytes), Optional.of(digest), OptionalLong.of(bytes.length));
        return digest;
    }
}
