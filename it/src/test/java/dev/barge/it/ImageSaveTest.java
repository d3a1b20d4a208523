package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker save}, then {@code docker load} into a second, clean barged. */
@Timeout(90)
class ImageSaveTest extends BargedPerClass {
    private static String busybox;
    private static String imported;

    @BeforeAll
    static void start() throws IOException {
        busybox = loadBusybox();
        var r = barged.exec(List.of("sh", "-c", "docker import -c 'CMD [\"sh\"]' -c 'LABEL a=b' - app:2 < " + ImageArchives.busybox("busybox:latest")),
                Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        imported = r.stdout().trim();
        assertThat(barged.docker("tag", "busybox", "busybox:other").exitCode()).isZero();
    }

    @Test
    void savedImagesLoadIntoAnotherBargedWithIdenticalIds() throws IOException {
        Path out = barged.dir().resolve("two.tar");
        var save = barged.docker("save", "-o", out.toString(), "busybox:latest", "app:2");
        assertThat(save.exitCode()).as(save.toString()).isZero();
        assertThat(Files.size(out)).isGreaterThan(1_000_000);
        try (Barged second = Barged.start()) {
            var load = second.docker("load", "-i", out.toString());
            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(ImageArchives.lines(load.stdout())).containsExactlyInAnyOrder("Loaded image: busybox:latest", "Loaded image: app:2");
            String format = "{{.ID}} {{.Repository}}:{{.Tag}}";
            assertThat(ImageArchives.lines(second.docker("images", "--no-trunc", "--format", format).stdout()))
                    .containsExactlyInAnyOrder(busybox + " busybox:latest", imported + " app:2");
            for (String name : List.of("busybox:latest", "app:2")) {
                String fields = "{{.Id}} {{json .RootFS}} {{json .Config}} {{.Created}}";
                assertThat(second.docker("image", "inspect", "--format", fields, name).stdout())
                        .isEqualTo(barged.docker("image", "inspect", "--format", fields, name).stdout());
            }
            assertThat(second.docker("history", "-q", "--no-trunc", "app:2").stdout().trim()).isEqualTo(imported);
        }
    }

    @Test
    void aRepositoryNameSavesAllItsTags() throws IOException {
        Path out = barged.dir().resolve("repo.tar");
        var r = barged.exec(List.of("sh", "-c", "docker save busybox > " + out), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        try (Barged second = Barged.start()) {
            var load = second.docker("load", "-i", out.toString());
            assertThat(ImageArchives.lines(load.stdout())).containsExactlyInAnyOrder("Loaded image: busybox:latest", "Loaded image: busybox:other");
        }
    }

    @Test
    void theArchiveHoldsBothLayouts() {
        Path out = barged.dir().resolve("layouts.tar");
        assertThat(barged.docker("save", "-o", out.toString(), "app:2").exitCode()).isZero();
        var list = barged.exec(List.of("tar", "-tf", out.toString()), Duration.ofSeconds(10));
        assertThat(ImageArchives.lines(list.stdout())).contains("manifest.json", "index.json", "oci-layout",
                "blobs/sha256/" + imported.substring(7));
    }

    @Test
    void savingAnUnknownImageFailsBeforeWritingAnything() {
        Path out = barged.dir().resolve("none.tar");
        var r = barged.docker("save", "-o", out.toString(), "busybox", "nosuch");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("No such image: nosuch");
        assertThat(out).doesNotExist();
    }
}
