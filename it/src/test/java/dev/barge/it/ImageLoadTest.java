package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker load}: from a file, quietly, from stdin, compressed, OCI layout only, twice. */
@Timeout(60)
class ImageLoadTest extends BargedPerClass {
    private static Path busybox;

    @BeforeAll
    static void start() throws IOException {
        busybox = ImageArchives.busybox("busybox:latest");
    }

    @AfterEach
    void removeAll() {
        barged.docker("image", "prune", "-a", "-f");
    }

    @Test
    void loadFromAFileNamesTheLoadedTag() {
        var r = barged.docker("load", "-i", busybox.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
        assertThat(barged.docker("images", "-q", "--no-trunc").stdout().trim()).isEqualTo(ImageArchives.idOf(busybox));
    }

    @Test
    void quietLoadPrintsOnlyTheResult() {
        var r = barged.docker("load", "-q", "-i", busybox.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void loadFromStdin() {
        var r = shell("docker load < " + busybox);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
    }

    @Test
    void aGzippedArchiveLoadsToo() {
        var r = shell("gzip -c " + busybox + " | docker load");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
    }

    @Test
    void anOciLayoutWithoutManifestJsonLoadsByItsAnnotatedName() {
        Path oci = barged.dir().resolve("oci.tar");
        var r = shell("cp " + busybox + " " + oci + " && tar --delete -f " + oci + " ./manifest.json && docker load -i " + oci);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
        assertThat(barged.docker("images", "-q", "--no-trunc").stdout().trim()).isEqualTo(ImageArchives.idOf(busybox));
    }

    @Test
    void loadingTwiceKeepsOneImageAndOneCopyOfEachBlob() {
        barged.docker("load", "-i", busybox.toString());
        var before = StoreView.of(barged).snapshot();
        var r = barged.docker("load", "-i", busybox.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Loaded image: busybox:latest\n");
        assertThat(StoreView.of(barged).snapshot()).isEqualTo(before);
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q").stdout())).hasSize(1);
    }

    @Test
    void loadingAnotherImageUnderTheSameTagLeavesTheOldOneDangling() {
        barged.docker("load", "-i", busybox.toString());
        Path other = barged.dir().resolve("other.tar");
        var r = shell("docker import - busybox:latest < " + ImageArchives.busybox("x:1") + " >/dev/null"
                + " && docker save -o " + other + " busybox:latest && docker rmi busybox:latest >/dev/null"
                + " && docker load -i " + busybox + " && docker load -i " + other);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("The image busybox:latest already exists, renaming the old one with ID "
                + ImageArchives.idOf(busybox) + " to empty string");
        assertThat(barged.docker("images", "--filter", "dangling=true", "-q", "--no-trunc").stdout().trim())
                .isEqualTo(ImageArchives.idOf(busybox));
    }

    private static Barged.Result shell(String script) {
        return barged.exec(List.of("sh", "-c", script), Duration.ofSeconds(60));
    }
}
