package dev.barge.image;

import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.core.Json;
import dev.barge.store.ImageRecord;
import dev.barge.store.LayerBlob;
import dev.barge.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images as one tar holding both layouts, like Docker 25+ {@code docker save}: the OCI
 * image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/*}) and the
 * docker-save {@code manifest.json} + {@code repositories} naming the same blobs.
 *
 * <p>Layers are re-emitted exactly as they were shipped (kept in the content store at load or
 * import), usually gzip, not as the uncompressed diff tars Docker's graph-driver store writes:
 * the config blob, hence the image ID, and the manifest digest stay identical, and both
 * Docker's loaders accept compressed layers (the docker-save one decompresses whatever it
 * reads; the OCI one follows the layer media type).
 */
final class ArchiveWriter {
    /** An image to write and the tags to record for it (none when saved by ID). */
    /** An image with the tags to write and the repo digests ({@code name@sha256:...}) to keep. */
    record Entry(ImageRecord image, List<ImageReference> tags, List<ImageReference> digests) {}

    private final Store store;
    private final TarArchiveOutputStream tar;
    private final Set<Digest> written = new HashSet<>();

    private ArchiveWriter(Store store, OutputStream out) {
        this.store = store;
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static void write(Store store, List<Entry> entries, OutputStream out) throws IOException {
        ArchiveWriter w = new ArchiveWriter(store, out);
        w.writeAll(entries);
    }

    private void writeAll(List<Entry> entries) throws IOException {
        directory("blobs/");
        directory("blobs/sha256/");
        List<Map<String, Object>> manifests = new ArrayList<>();
        List<Map<String, Object>> dockerManifest = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        for (Entry e : entries) {
            ImageRecord image = e.image();
            blob(image.id());
            for (LayerBlob layer : image.layers()) {
                blob(layer.digest());
            }
            blob(image.manifest());
            long manifestSize = store.content().size(image.manifest());
            String manifestType = mediaTypeOf(image.manifest());
            if (e.tags().isEmpty()) {
                manifests.add(Manifests.descriptor(manifestType, image.manifest(), manifestSize));
            }
            for (ImageReference digest : e.digests()) {
                Map<String, Object> d = Manifests.descriptor(manifestType, image.manifest(), manifestSize);
                d.put("annotations", Map.of("io.containerd.image.name", digest.toString()));
                manifests.add(d);
            }
            for (ImageReference tag : e.tags()) {
                Map<String, Object> d = Manifests.descriptor(manifestType, image.manifest(), manifestSize);
                d.put("annotations", Map.of("io.containerd.image.name", tag.toString(), "org.opencontainers.image.ref.name", tag.tag()));
                manifests.add(d);
                image.layers().stream().reduce((a, b) -> b).ifPresent(top -> repositories
                        .computeIfAbsent(tag.familiarRepository(), k -> new LinkedHashMap<>()).put(tag.tag(), top.digest().hex()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Config", "blobs/sha256/" + image.id().hex());
            m.put("RepoTags", e.tags().isEmpty() ? null : e.tags().stream().map(ImageReference::familiar).toList());
            m.put("Layers", image.layers().stream().map(l -> "blobs/sha256/" + l.digest().hex()).toList());
            dockerManifest.add(m);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", Manifests.OCI_INDEX);
        index.put("manifests", manifests);
        file("index.json", Json.bytes(index));
        file("manifest.json", Json.bytes(dockerManifest));
        file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        if (!repositories.isEmpty()) {
            file("repositories", Json.bytes(repositories));
        }
        tar.finish();
        tar.flush();
    }

    /** The manifest's own media type (a pulled Docker schema 2 manifest stays one), OCI when it names none. */
    private String mediaTypeOf(Digest manifest) {
        try {
            return Json.mapper().readTree(store.content().read(manifest)).path("mediaType").asText(Manifests.OCI_MANIFEST);
        } catch (IOException | RuntimeException e) {
            return Manifests.OCI_MANIFEST;
        }
    }

    private void blob(Digest digest) throws IOException {
        if (!written.add(digest)) {
            return;
        }
        TarArchiveEntry e = entry("blobs/sha256/" + digest.hex());
        e.setSize(store.content().size(digest));
        tar.putArchiveEntry(e);
        try (InputStream in = store.content().open(digest)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private void file(String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = entry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private void directory(String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040755);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100644);
        e.setModTime(0);
        return e;
    }
}
