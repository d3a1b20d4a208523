package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken archives: each is refused with a clear message (no stack trace), the CLI
 * exits non-zero, and the store is left exactly as it was: same images, same blobs, same
 * layer directories, no temporary files. The broken layers come after a layer the store
 * already holds (which must survive the roll-back) and a new good one (which must not).
 */
@Timeout(60)
class ImageBadInputTest extends BargedPerClass {
    private static byte[] sharedLayer;
    private static final String MARK = "barge-it-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws IOException {
        loadBusybox();
        sharedLayer = new LayerTar().dir("etc").file("etc/shared", "shared\n").build();
        Path good = new SaveArchive().layer(sharedLayer).tag("good:1").write(barged.dir().resolve("good.tar"));
        var r = barged.docker("load", "-i", good.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        Path full = ImageArchives.busybox("busybox:latest");
        byte[] bytes = Files.readAllBytes(full);
        assertRefused(write("cut-in-data.tar", java.util.Arrays.copyOf(bytes, bytes.length / 2)), "unexpected EOF");
        assertRefused(write("cut-in-header.tar", java.util.Arrays.copyOf(bytes, 1000)), "unexpected EOF");
        assertRefused(write("empty.tar", new byte[0]), "invalid image archive");
    }

    @Test
    void aLayerEntryClimbingOutWithDotDotIsRefused() {
        assertRefused(archiveWithBadLayer(new LayerTar().file("../../etc/" + MARK, "x")), "path escapes the layer");
        assertThat(Path.of("/etc", MARK)).doesNotExist();
        assertThat(barged.dataRoot().resolve("image/overlay2/etc")).doesNotExist();
    }

    @Test
    void aFileWrittenThroughASymlinkOutOfTheLayerIsRefused() {
        assertRefused(archiveWithBadLayer(new LayerTar().symlink("evil", "../../../../../../../../etc").file("evil/" + MARK, "x")),
                "points outside the layer");
        assertThat(Path.of("/etc", MARK)).doesNotExist();
    }

    @Test
    void anAbsoluteSymlinkIsFollowedInsideTheLayerNeverOnTheHost() throws IOException {
        byte[] layer = new LayerTar().symlink("abs", "/etc").file("abs/" + MARK, "inside\n").build();
        Path archive = new SaveArchive().layer(layer).tag("abs:1").write(barged.dir().resolve("abs.tar"));
        var r = barged.docker("load", "-i", archive.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Path.of("/etc", MARK)).doesNotExist();
        Path upper = Path.of(barged.docker("image", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", "abs:1").stdout().trim());
        assertThat(upper.resolve("etc").resolve(MARK)).hasContent("inside");
        assertThat(barged.docker("rmi", "abs:1").exitCode()).isZero();
    }

    @Test
    void aLayerWhoseContentDoesNotMatchItsDigestIsRefused() {
        Path archive = new SaveArchive().layer(sharedLayer).layer(freshLayer()).layer(new LayerTar().file("x", "y").build())
                .layerStoredAs(2, "ab".repeat(32)).write(barged.dir().resolve("wrong-digest.tar"));
        assertRefused(archive, "digest mismatch: expected sha256:" + "ab".repeat(32));
    }

    @Test
    void aLayerThatIsNotTheDiffIdTheConfigPromisesIsRefused() {
        Path archive = new SaveArchive().layer(sharedLayer).layer(freshLayer()).layer(new LayerTar().file("x", "y").build())
                .diffId(2, "sha256:" + "cd".repeat(32)).write(barged.dir().resolve("wrong-diff-id.tar"));
        assertRefused(archive, "layer digest mismatch: expected diff ID sha256:" + "cd".repeat(32));
    }

    @Test
    void malformedManifestJsonIsRefused() {
        Path archive = new SaveArchive().layer(freshLayer()).manifestJson("[{\"Config\": oops").write(barged.dir().resolve("bad-json.tar"));
        assertRefused(archive, "invalid image archive: manifest.json is not valid JSON");
    }

    @Test
    void aManifestNamingAMissingLayerIsRefused() {
        Path archive = new SaveArchive().layer(freshLayer()).layerStoredAs(0, "ef".repeat(32))
                .manifestJson("[{\"Config\":\"nothing\",\"Layers\":[]}]").write(barged.dir().resolve("missing.tar"));
        assertRefused(archive, "nothing not found in archive");
    }

    @Test
    void aDeviceNodeInALayerIsRefused() {
        assertRefused(archiveWithBadLayer(new LayerTar().dir("dev").charDevice("dev/mem2", 1, 1)), "device nodes are not allowed in image layers");
    }

    @Test
    void anUnknownApiVersionIs400InMobysWords() {
        var old = barged.curl("-s", "-w", "\n%{http_code}", "http://d/v1.12/images/json");
        assertThat(old.stdout()).isEqualTo("client version 1.12 is too old. Minimum supported API version is 1.24, "
                + "please upgrade your client to a newer version\n\n400");
        var future = barged.curl("-s", "-w", "\n%{http_code}", "http://d/v9.99/images/json");
        assertThat(future.stdout()).isEqualTo("{\"message\":\"client version 9.99 is too new. Maximum supported API version is 1.50\"}\n\n400");
        var load = barged.curl("-s", "-w", "\n%{http_code}", "-X", "POST", "--data-binary", "@" + ImageArchives.busybox("busybox:latest"),
                "http://d/v1.12/images/load");
        assertThat(load.stdout()).endsWith("\n400");
    }

    @Test
    void malformedFiltersAre400() {
        var r = barged.curl("-s", "-w", "\n%{http_code}", "http://d/v1.50/images/json?filters=%5B1,2");
        assertThat(r.stdout()).startsWith("{\"message\":\"invalid filter").endsWith("\n400");
        var prune = barged.curl("-s", "-w", "\n%{http_code}", "-X", "POST", "http://d/v1.50/images/prune?filters=%7B%22dangling%22:");
        assertThat(prune.stdout()).startsWith("{\"message\":\"invalid filter").endsWith("\n400");
    }

    // ---- helpers

    /** The shared layer, a new good layer, then the bad one. */
    private static Path archiveWithBadLayer(LayerTar bad) {
        return new SaveArchive().layer(sharedLayer).layer(freshLayer()).layer(bad.build())
                .write(barged.dir().resolve(UUID.randomUUID() + ".tar"));
    }

    private static byte[] freshLayer() {
        return new LayerTar().file("fresh-" + UUID.randomUUID(), "new\n").build();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(barged.dir().resolve(name), bytes);
    }

    private static void assertRefused(Path archive, String message) {
        List<String> images = ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout());
        StoreView.Snapshot before = StoreView.of(barged).snapshot();
        assertThat(before.leftovers()).isEmpty();

        var r = barged.docker("load", "-i", archive.toString());
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).as(r.toString()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");

        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout())).isEqualTo(images);
        assertThat(StoreView.of(barged).snapshot()).isEqualTo(before);
        assertThat(barged.logs()).doesNotContain("Exception");
    }
}
