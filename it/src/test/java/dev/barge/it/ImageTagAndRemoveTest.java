package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker tag} and {@code docker rmi}: untag versus delete, force, short IDs, bad names. */
@Timeout(60)
class ImageTagAndRemoveTest extends BargedPerClass {
    private static Path archive;
    private static String id;

    @BeforeAll
    static void start() throws IOException {
        archive = ImageArchives.busybox("busybox:latest");
        id = ImageArchives.idOf(archive);
    }

    @BeforeEach
    void load() {
        assertThat(barged.docker("load", "-i", archive.toString()).exitCode()).isZero();
    }

    @AfterEach
    void removeAll() {
        barged.docker("image", "prune", "-a", "-f");
    }

    @Test
    void tagAddsANameForTheSameImage() {
        var r = barged.docker("tag", "busybox", "example.com/team/box:v1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(barged.docker("image", "inspect", "--format", "{{.Id}}", "example.com/team/box:v1").stdout().trim()).isEqualTo(id);
        assertThat(barged.docker("tag", id.substring(7, 15), "byid").exitCode()).as("source by short ID").isZero();
        assertThat(barged.docker("image", "inspect", "--format", "{{json .RepoTags}}", "busybox").stdout().trim())
                .isEqualTo("[\"busybox:latest\",\"byid:latest\",\"example.com/team/box:v1\"]");
    }

    @Test
    void badTagsFailWithDockersMessages() {
        var upper = barged.docker("tag", "busybox", "Bad:tag");
        assertThat(upper.exitCode()).isEqualTo(1);
        assertThat(upper.stderr()).contains("invalid reference format: repository name (library/Bad) must be lowercase");
        var format = barged.docker("tag", "busybox", "x:-bad");
        assertThat(format.exitCode()).isEqualTo(1);
        assertThat(format.stderr()).contains("invalid reference format");
        var missing = barged.docker("tag", "nosuch", "x:1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
        // and the API itself, for clients that do not check first
        var api = barged.curl("-s", "-w", "\n%{http_code}", "-X", "POST", "http://d/v1.50/images/busybox/tag?repo=Bad&tag=x");
        assertThat(api.stdout()).endsWith("\n400").contains("invalid reference format").doesNotContain("Exception");
        var digest = barged.curl("-s", "-w", "\n%{http_code}", "-X", "POST",
                "http://d/v1.50/images/busybox/tag?repo=x%40sha256:" + "a".repeat(64));
        assertThat(digest.stdout()).endsWith("\n400");
        assertThat(ImageArchives.lines(barged.docker("images", "--format", "{{.Repository}}:{{.Tag}}").stdout()))
                .containsExactly("busybox:latest");
    }

    @Test
    void rmiOfOneOfTwoTagsOnlyUntags() {
        barged.docker("tag", "busybox", "other:1");
        var r = barged.docker("rmi", "other:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Untagged: other:1\n");
        assertThat(barged.docker("images", "-q", "--no-trunc").stdout().trim()).isEqualTo(id);
    }

    @Test
    void rmiOfTheLastTagDeletesTheImageAndItsLayer() {
        var before = StoreView.of(barged);
        var r = barged.docker("rmi", "busybox");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = ImageArchives.lines(r.stdout());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("Untagged: busybox:latest");
        assertThat(lines.get(1)).isEqualTo("Deleted: " + id);
        assertThat(lines.get(2)).startsWith("Deleted: sha256:");
        assertThat(barged.docker("images", "-a", "-q").stdout()).isEmpty();
        assertThat(before.blobNames()).isEmpty();
        assertThat(before.layerDirs()).isEmpty();
    }

    @Test
    void rmiByShortIdOfAnImageWithOneTagDeletesIt() {
        var r = barged.docker("rmi", id.substring(7, 11));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("Untagged: busybox:latest\nDeleted: " + id + "\n");
    }

    @Test
    void rmiByIdOfAnImageInTwoRepositoriesNeedsForce() {
        barged.docker("tag", "busybox", "other:1");
        var r = barged.docker("rmi", id.substring(7, 19));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error response from daemon: conflict: unable to delete " + id.substring(7, 19)
                + " (must be forced) - image is referenced in multiple repositories\n");
        var forced = barged.docker("rmi", "-f", id.substring(7, 19));
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.stdout()).startsWith("Untagged: busybox:latest\nUntagged: other:1\nDeleted: " + id + "\n");
        assertThat(barged.docker("images", "-a", "-q").stdout()).isEmpty();
    }

    @Test
    void anAmbiguousIdPrefixIsRefused() {
        // imports until two image IDs share their first hex digit (at most 17 by pigeonhole)
        Map<Character, String> byFirst = new HashMap<>();
        String prefix = null;
        for (int i = 0; i < 17 && prefix == null; i++) {
            var r = barged.exec(List.of("sh", "-c", "docker import -m " + i + " - < " + archive), java.time.Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            String imported = r.stdout().trim().substring(7);
            if (byFirst.putIfAbsent(imported.charAt(0), imported) != null) {
                prefix = imported.substring(0, 1);
            }
        }
        assertThat(prefix).isNotNull();
        var r = barged.docker("rmi", prefix);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("multiple IDs found with provided prefix: " + prefix);
    }

    @Test
    void rmiOfAnUnknownImage() {
        var r = barged.docker("rmi", "nosuch");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
    }
}
