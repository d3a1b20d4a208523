package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker image prune}: dangling images only, or with {@code -a} every unused one. */
@Timeout(60)
class ImagePruneTest extends BargedPerClass {
    private static Path archive;
    private static String busybox;
    private String dangling;

    @BeforeAll
    static void start() throws IOException {
        archive = ImageArchives.busybox("busybox:latest");
        busybox = ImageArchives.idOf(archive);
    }

    @BeforeEach
    void loadOneTaggedAndOneDangling() {
        assertThat(barged.docker("load", "-i", archive.toString()).exitCode()).isZero();
        var r = barged.exec(List.of("sh", "-c", "docker import -c 'LABEL keep=yes' - < " + archive), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        dangling = r.stdout().trim();
    }

    @AfterEach
    void removeAll() {
        barged.docker("image", "prune", "-a", "-f");
    }

    @Test
    void pruneRemovesDanglingImagesOnlyAndReportsTheSpace() {
        var r = barged.docker("image", "prune", "-f");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = ImageArchives.lines(r.stdout());
        assertThat(lines.getFirst()).isEqualTo("Deleted Images:");
        assertThat(lines.get(1)).isEqualTo("deleted: " + dangling);
        assertThat(lines.get(2)).startsWith("deleted: sha256:");
        assertThat(lines.getLast()).matches("Total reclaimed space: \\d+(\\.\\d+)?MB");
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout())).containsExactly(busybox);
    }

    @Test
    void pruneAllRemovesTaggedImagesTooAndEmptiesTheStore() {
        var r = barged.docker("image", "prune", "-a", "-f");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("untagged: busybox:latest\n").contains("deleted: " + busybox + "\n")
                .contains("deleted: " + dangling + "\n");
        assertThat(barged.docker("images", "-a", "-q").stdout()).isEmpty();
        StoreView store = StoreView.of(barged);
        assertThat(store.blobNames()).isEmpty();
        assertThat(store.layerDirs()).isEmpty();
        assertThat(store.leftovers()).isEmpty();
    }

    @Test
    void nothingToPruneReclaimsZeroBytes() {
        barged.docker("image", "prune", "-a", "-f");
        var r = barged.docker("image", "prune", "-f");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Total reclaimed space: 0B\n");
    }

    @Test
    void labelFiltersNarrowWhatIsPruned() {
        var keep = barged.docker("image", "prune", "-a", "-f", "--filter", "label!=keep");
        assertThat(keep.exitCode()).as(keep.toString()).isZero();
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q", "--no-trunc").stdout())).containsExactly(dangling);
        var only = barged.docker("image", "prune", "-f", "--filter", "label=keep=yes");
        assertThat(only.stdout()).contains("deleted: " + dangling);
        assertThat(barged.docker("images", "-a", "-q").stdout()).isEmpty();
    }

    @Test
    void anUnknownPruneFilterIsRefused() {
        var r = barged.docker("image", "prune", "-f", "--filter", "reference=x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error response from daemon: invalid filter 'reference'\n");
    }
}
