package dev.barge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.core.Digest;
import dev.barge.core.Mount;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LayerStoreTest {
    @TempDir Path root;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(root);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private LayerStore.Applied apply(Optional<Digest> parent, byte[] tar) {
        return store.layers().apply(parent, Optional.empty(), new ByteArrayInputStream(tar));
    }

    @Test
    void chainIdsFollowTheOciFormula() {
        Digest a = Digest.sha256("a".getBytes());
        Digest b = Digest.sha256("b".getBytes());
        assertThat(ChainIds.of(List.of(a, b))).containsExactly(a,
                Digest.sha256((a + " " + b).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void layersAreUnpackedOnceAndShared() {
        byte[] tar = new TarBuilder().file("etc/motd", "hello").build();
        LayerStore.Applied first = apply(Optional.empty(), tar);
        LayerStore.Applied again = apply(Optional.empty(), tar);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.layer()).isEqualTo(first.layer());
        assertThat(first.layer().diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(first.layer().chainId()).isEqualTo(first.layer().diffId());
        assertThat(first.layer().size()).isEqualTo(5);
        assertThat(root.resolve("overlay2/l").resolve(first.layer().link()).resolve("etc/motd")).hasContent("hello");
        // with the diff ID known, an existing layer is not even read
        LayerStore.Applied known = store.layers().apply(Optional.empty(), Optional.of(first.layer().diffId()),
                new ByteArrayInputStream(new byte[0]));
        assertThat(known.layer()).isEqualTo(first.layer());
    }

    @Test
    void layersUnpackedApartAreCommittedTogetherBottomFirstWithTheirLowerChain() throws Exception {
        byte[] a = new TarBuilder().file("a", "1").build();
        byte[] b = new TarBuilder().file("b", "2").build();
        byte[] c = new TarBuilder().file("c", "3").build();
        LayerStore.Applied base = apply(Optional.empty(), a);
        // unpacked out of order, as parallel downloads finish
        LayerStore.Unpacked top = store.layers().unpack(Optional.of(Digest.sha256(c)), new ByteArrayInputStream(c), false);
        LayerStore.Unpacked middle = store.layers().unpack(Optional.empty(), new ByteArrayInputStream(b), false);
        List<LayerStore.Applied> applied = store.layers().commitAll(List.of(middle, top), Optional.of(base.layer().chainId()));
        assertThat(applied).extracting(LayerStore.Applied::created).containsExactly(true, true);
        LayerRecord m = applied.get(0).layer();
        LayerRecord t = applied.get(1).layer();
        assertThat(m.parent()).contains(base.layer().chainId());
        assertThat(t.parent()).contains(m.chainId());
        assertThat(t.chainId()).isEqualTo(ChainIds.of(List.of(Digest.sha256(a), Digest.sha256(b), Digest.sha256(c))).get(2));
        assertThat(root.resolve("overlay2").resolve(t.dir()).resolve("lower"))
                .hasContent("l/" + m.link() + ":l/" + base.layer().link());
        assertThat(root.resolve("overlay2/l").resolve(t.link()).resolve("c")).hasContent("3");
        try (var dirs = Files.list(root.resolve("overlay2"))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).noneMatch(n -> n.startsWith("tmp-"));
        }
        // the same chain again is found, not made twice
        LayerStore.Unpacked again = store.layers().unpack(Optional.empty(), new ByteArrayInputStream(b), false);
        assertThat(store.layers().commitAll(List.of(again), Optional.of(base.layer().chainId())).getFirst().created()).isFalse();
        assertThat(again.temp()).doesNotExist();
    }

    @Test
    void wrongDiffIdLeavesNothing() {
        byte[] tar = new TarBuilder().file("x", "y").build();
        assertThatThrownBy(() -> store.layers().apply(Optional.empty(), Optional.of(Digest.sha256("other".getBytes())), new ByteArrayInputStream(tar)))
                .hasMessageContaining("layer digest mismatch");
        assertThat(root.resolve("overlay2").toFile().list()).containsExactlyInAnyOrder("l", "empty");
        assertThat(store.metadata().layers()).isEmpty();
    }

    @Test
    void failedExtractionRemovesThePartialDirectory() throws Exception {
        byte[] tar = new TarBuilder().file("ok", "fine").file("../evil", "x").build();
        assertThatThrownBy(() -> apply(Optional.empty(), tar)).hasMessageContaining("escapes the layer");
        try (var list = Files.list(root.resolve("overlay2"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("l", "empty");
        }
    }

    /** Mounts the real overlay file system (as root) to check whiteouts and opaque dirs work. */
    @Test
    void overlayMountHonoursWhiteoutsAndOpaqueDirectories() throws Exception {
        LayerStore.Applied base = apply(Optional.empty(), new TarBuilder().file("etc/a", "A").file("etc/b", "B").file("d/x", "X").build());
        LayerStore.Applied top = apply(Optional.of(base.layer().chainId()),
                new TarBuilder().file("etc/.wh.a", "").dir("d").file("d/.wh..wh..opq", "").file("d/y", "Y").build());
        List<Mount> mounts = store.layers().prepareRwLayer("c1", List.of(base.layer().chainId(), top.layer().chainId()));
        Path merged = store.layers().rwLayerMerged("c1");
        Mount m = mounts.getFirst();
        Process p = new ProcessBuilder("mount", "-t", m.type(), m.source(), "-o", String.join(",", m.options()), merged.toString())
                .redirectErrorStream(true).start();
        assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount overlay here");
        try {
            assertThat(merged.resolve("etc/a")).doesNotExist();
            assertThat(merged.resolve("etc/b")).hasContent("B");
            assertThat(merged.resolve("d/x")).doesNotExist();
            assertThat(merged.resolve("d/y")).hasContent("Y");
            Files.writeString(merged.resolve("new"), "N");
            assertThat(store.layers().rwLayerDiff("c1").resolve("new")).hasContent("N");
        } finally {
            Process u = new ProcessBuilder("umount", merged.toString()).redirectErrorStream(true).start();
            u.waitFor(20, TimeUnit.SECONDS);
        }
        store.layers().removeRwLayer("c1");
        assertThat(root.resolve("overlay2/c1")).doesNotExist();
    }

    @Test
    void orphansAreRemovedAtStartUp() throws Exception {
        LayerStore.Applied layer = apply(Optional.empty(), new TarBuilder().file("f", "1").build());
        Files.createDirectories(root.resolve("overlay2/tmp-crashed/diff"));
        Files.createDirectories(root.resolve("overlay2/unregistered/diff"));
        Files.createSymbolicLink(root.resolve("overlay2/l/DANGLING"), Path.of("../unregistered/diff"));
        Files.writeString(root.resolve("content/blobs/sha256/.ingest-crashed"), "partial");
        store.close();
        store = Store.open(root);
        assertThat(root.resolve("overlay2/tmp-crashed")).doesNotExist();
        assertThat(root.resolve("overlay2/unregistered")).doesNotExist();
        assertThat(root.resolve("overlay2/l/DANGLING")).doesNotExist();
        assertThat(root.resolve("content/blobs/sha256/.ingest-crashed")).doesNotExist();
        // no image uses the layer: collected too
        assertThat(store.layers().layer(layer.layer().chainId())).isEmpty();
    }
}
