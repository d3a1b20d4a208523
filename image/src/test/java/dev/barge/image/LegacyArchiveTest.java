package dev.barge.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.core.event.EventBus;
import dev.barge.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pre-Docker-25 {@code <id>/layer.tar} layout, zstd layers, and history with empty layers. */
@Timeout(60)
class LegacyArchiveTest {
    @TempDir Path dir;

    @Test
    void loadsLegacyLayoutWithZstdLayerAndEmptyLayerHistory() throws Exception {
        Map<String, byte[]> fixture = Fixtures.members(Fixtures.busybox(dir, "busybox:latest"));
        byte[] gz = fixture.entrySet().stream().filter(e -> e.getKey().startsWith("blobs/") && e.getValue().length > 100_000)
                .findFirst().orElseThrow().getValue();
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        String config = configOf(fixture);
        String withEnvStep = config.replace("}]}", "},{\"created\":\"2020-01-02T00:00:00Z\",\"created_by\":\"ENV X=1\",\"empty_layer\":true}]}");

        ByteArrayOutputStream zst = new ByteArrayOutputStream();
        try (ZstdCompressorOutputStream out = new ZstdCompressorOutputStream(zst)) {
            out.write(plain);
        }
        Map<String, byte[]> legacy = new LinkedHashMap<>();
        legacy.put("abc123/VERSION", "1.0".getBytes());
        legacy.put("abc123/layer.tar", zst.toByteArray());
        legacy.put("abc123.json", withEnvStep.getBytes(StandardCharsets.UTF_8));
        legacy.put("manifest.json", "[{\"Config\":\"abc123.json\",\"RepoTags\":[\"legacy:1\"],\"Layers\":[\"abc123/layer.tar\"]}]".getBytes());
        legacy.put("repositories", "{\"legacy\":{\"1\":\"abc123\"}}".getBytes());

        try (Store store = Store.open(dir.resolve("store"))) {
            ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
            assertThat(images.load(new ByteArrayInputStream(Fixtures.tar(legacy)), false, m -> { })).containsExactly("Loaded image: legacy:1");
            Image image = images.resolve("legacy:1");
            List<HistoryItem> history = images.history("legacy:1");
            assertThat(history).extracting(HistoryItem::createdBy).containsExactly("ENV X=1", "make-busybox-image: static busybox rootfs");
            assertThat(history.get(0).id()).isEqualTo(image.id().toString());
            assertThat(history.get(0).size()).isZero();
            assertThat(history.get(1).id()).isEqualTo("<missing>");
            assertThat(history.get(1).size()).isEqualTo(image.size());
            assertThat(store.metadata().image(image.id()).orElseThrow().layers().getFirst().mediaType())
                    .isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");

            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            images.save(List.of(image.id().toString()), saved);
            try (Store fresh = Store.open(dir.resolve("fresh"))) {
                ImageService other = new ImageService(fresh, new EventBus(), ImageUsage.NONE);
                assertThat(other.load(new ByteArrayInputStream(saved.toByteArray()), false, m -> { }))
                        .containsExactly("Loaded image ID: " + image.id());
            }
        }
    }

    private static String configOf(Map<String, byte[]> members) {
        return members.values().stream().map(v -> new String(v, StandardCharsets.UTF_8))
                .filter(s -> s.startsWith("{\"architecture\"")).findFirst().orElseThrow();
    }
}
