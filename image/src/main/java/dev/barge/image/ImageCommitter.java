package dev.barge.image;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import dev.barge.store.Blob;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.LayerStore;
import dev.barge.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code docker commit}: the parent image's layers plus one new layer (the container's changes,
 * an uncompressed tar with {@code .wh.} whiteouts), a config copied from the parent's with the
 * new run config, the diff ID and one history entry appended, as Docker writes it.
 */
final class ImageCommitter {
    private static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    private final Store store;
    private final Staging staging;

    ImageCommitter(Store store, Staging staging) {
        this.store = store;
        this.staging = staging;
    }

    ImageRecord commit(ImageRecord parent, Path layerTar, RunConfig config, Details d) {
        Blob blob;
        try (InputStream in = Files.newInputStream(layerTar)) {
            Digest digest = Digest.of(digestOf(layerTar));
            staging.blobIsNew(digest);
            blob = store.content().ingest(in, Optional.of(digest), OptionalLong.of(Files.size(layerTar)));
        } catch (IOException e) {
            throw BargeException.internal("cannot store the committed layer: " + e.getMessage(), e);
        }
        LayerStore.Applied applied;
        try (InputStream tar = store.content().open(blob.digest())) {
            applied = store.layers().apply(parent.topLayer(), Optional.empty(), tar);
        } catch (IOException e) {
            throw BargeException.internal("cannot apply the committed layer: " + e.getMessage(), e);
        }
        staging.layer(applied);
        byte[] configBytes = Json.bytes(configJson(parent.config(), config, d, Optional.of(applied.layer().diffId())));
        Digest id = ingest(configBytes);
        List<LayerBlob> layers = new ArrayList<>(parent.layers());
        layers.add(new LayerBlob(LAYER_TAR, blob.digest(), blob.size()));
        List<Digest> chainIds = new ArrayList<>(parent.chainIds());
        chainIds.add(applied.layer().chainId());
        Digest manifest = ingest(Manifests.synthesize(id, configBytes.length, layers));
        return new ImageRecord(id, configBytes, manifest, layers, chainIds, Instant.now(), Instant.EPOCH);
    }

    /**
     * A configuration-only step (the legacy builder's ENV, CMD...): the parent's layers as they
     * are, a new config and a history entry marked {@code empty_layer}, so no layer is made.
     */
    ImageRecord configure(ImageRecord parent, RunConfig config, Details d) {
        byte[] configBytes = Json.bytes(configJson(parent.config(), config, d, Optional.empty()));
        Digest id = ingest(configBytes);
        Digest manifest = ingest(Manifests.synthesize(id, configBytes.length, parent.layers()));
        return new ImageRecord(id, configBytes, manifest, parent.layers(), parent.chainIds(), Instant.now(), Instant.EPOCH);
    }

    /**
     * {@code --cache-from}: the step after {@code parent} taken from {@code source}, an image whose
     * history starts with the parent's: its next history entry (times included, so the step after
     * can match too) and, unless that entry is an empty layer, its next layer, already stored.
     */
    ImageRecord restore(ImageRecord parent, ImageRecord source, RunConfig config) {
        Map<String, Object> p = parse(parent.config());
        Map<String, Object> src = parse(source.config());
        List<Object> history = new ArrayList<>(p.get("history") instanceof List<?> h ? h : List.of());
        List<?> sourceHistory = src.get("history") instanceof List<?> h ? h : List.of();
        int index = history.size();
        if (index >= sourceHistory.size() || !(sourceHistory.get(index) instanceof Map<?, ?> entry)) {
            throw BargeException.invalid("image %s has no step after %s", source.id(), parent.id());
        }
        history.add(entry);
        List<LayerBlob> layers = new ArrayList<>(parent.layers());
        List<Digest> chainIds = new ArrayList<>(parent.chainIds());
        List<Object> diffIds = new ArrayList<>();
        if (p.get("rootfs") instanceof Map<?, ?> rootfs && rootfs.get("diff_ids") instanceof List<?> ids) {
            diffIds.addAll(ids);
        }
        if (!Boolean.TRUE.equals(entry.get("empty_layer"))) {
            int layer = parent.layers().size();
            if (layer >= source.layers().size() || !(src.get("rootfs") instanceof Map<?, ?> rootfs)
                    || !(rootfs.get("diff_ids") instanceof List<?> ids) || layer >= ids.size()) {
                throw BargeException.invalid("image %s has no layer after %s", source.id(), parent.id());
            }
            layers.add(source.layers().get(layer));
            chainIds.add(source.chainIds().get(layer));
            diffIds.add(ids.get(layer));
        }
        p.put("config", config);
        p.put("created", entry.get("created"));
        p.put("history", history);
        p.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        p.remove("container");
        byte[] configBytes = Json.bytes(p);
        Digest id = ingest(configBytes);
        Digest manifest = ingest(Manifests.synthesize(id, configBytes.length, layers));
        return new ImageRecord(id, configBytes, manifest, layers, chainIds, Instant.now(), Instant.EPOCH);
    }

    private static Map<String, Object> parse(byte[] config) {
        try {
            return Json.mapper().readValue(config, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw BargeException.internal("cannot read an image config", e);
        }
    }

    /**
     * Who and why: the history entry's fields.
     *
     * @param containerConfig the committed container's configuration as Docker's image config keeps it
     *                        ({@code container_config}, inspect's {@code ContainerConfig}); empty for none
     */
    record Details(String comment, String author, String createdBy, String containerId,
                   Map<String, Object> containerConfig) {}

    private static Map<String, Object> configJson(byte[] parentConfig, RunConfig config, Details d,
                                                  Optional<Digest> diffId) {
        Map<String, Object> c;
        try {
            c = Json.mapper().readValue(parentConfig, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw BargeException.internal("cannot read the parent image's config", e);
        }
        String created = dev.barge.core.GoTime.format(Instant.now());
        c.put("architecture", c.getOrDefault("architecture", ImageImporter.architecture()));
        c.put("author", d.author());
        c.put("comment", d.comment());
        c.put("config", config);
        c.put("container", d.containerId());
        if (!d.containerConfig().isEmpty()) {
            c.put("container_config", d.containerConfig());
        }
        c.put("created", created);
        c.put("os", c.getOrDefault("os", "linux"));
        List<Object> history = new ArrayList<>(c.get("history") instanceof List<?> h ? h : List.of());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("created", created);
        if (!d.author().isEmpty()) {
            entry.put("author", d.author());
        }
        entry.put("created_by", d.createdBy());
        if (!d.comment().isEmpty()) {
            entry.put("comment", d.comment());
        }
        if (diffId.isEmpty()) {
            entry.put("empty_layer", true);
        }
        history.add(entry);
        c.put("history", history);
        List<Object> diffIds = new ArrayList<>();
        if (c.get("rootfs") instanceof Map<?, ?> rootfs && rootfs.get("diff_ids") instanceof List<?> ids) {
            diffIds.addAll(ids);
        }
        diffId.ifPresent(id -> diffIds.add(id.toString()));
        c.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return c;
    }

    private static java.security.MessageDigest digestOf(Path file) throws IOException {
        java.security.MessageDigest sha = Digest.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return sha;
    }

    private Digest ingest(byte[] bytes) {
        Digest digest = Digest.sha256(bytes);
        staging.blobIsNew(digest);
        store.content().ingest(new ByteArrayInputStream(bytes), Optional.of(digest), OptionalLong.of(bytes.length));
        return digest;
    }
}
