package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docker images} and its flags over three images: busybox (loaded, created 2020), a
 * labelled import (created now) and an untagged, dangling import (created last).
 */
@Timeout(60)
class ImageListTest extends BargedPerClass {
    private static String busybox;
    private static String labelled;
    private static String dangling;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        busybox = loadBusybox();
        Path rootfs = barged.dir().resolve("rootfs.tar");
        Files.createDirectories(barged.dir().resolve("rootfs/etc"));
        Files.writeString(barged.dir().resolve("rootfs/etc/hello"), "hello\n");
        var tar = barged.exec(List.of("tar", "-C", barged.dir().resolve("rootfs").toString(), "-cf", rootfs.toString(), "."), Duration.ofSeconds(10));
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        labelled = barged.docker("import", "-c", "LABEL team=barge", rootfs.toString(), "labelled:1").stdout().trim();
        Thread.sleep(1100); // created times differ by whole seconds, as the CLI shows them
        dangling = barged.docker("import", "-m", "no name", rootfs.toString()).stdout().trim();
        assertThat(List.of(labelled, dangling)).allMatch(id -> id.startsWith("sha256:"));
    }

    @Test
    void theTableHasDockersColumnsNewestFirst() {
        var r = barged.docker("images");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = ImageArchives.lines(r.stdout());
        assertThat(lines.getFirst()).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).matches("<none> +<none> +" + shortId(dangling) + " +(Less than a second|\\d+ seconds?) ago +\\S+");
        assertThat(lines.get(2)).matches("labelled +1 +" + shortId(labelled) + " +.* ago +\\S+");
        assertThat(lines.get(3)).matches("busybox +latest +" + shortId(busybox) + " +\\d+ years ago +1\\.98MB");
    }

    @Test
    void quietPrintsShortIdsAndNoTruncFullOnes() {
        assertThat(ImageArchives.lines(barged.docker("images", "-q").stdout()))
                .containsExactly(shortId(dangling), shortId(labelled), shortId(busybox));
        assertThat(ImageArchives.lines(barged.docker("images", "-q", "--no-trunc").stdout()))
                .containsExactly(dangling, labelled, busybox);
        assertThat(barged.docker("images", "--no-trunc").stdout()).contains(busybox);
    }

    @Test
    void danglingFilter() {
        assertThat(ImageArchives.lines(barged.docker("images", "-q", "--no-trunc", "--filter", "dangling=true").stdout()))
                .containsExactly(dangling);
        assertThat(ImageArchives.lines(barged.docker("images", "-q", "--no-trunc", "--filter", "dangling=false").stdout()))
                .containsExactly(labelled, busybox);
    }

    @Test
    void referenceFilterIsAGlob() {
        assertThat(listed("--filter", "reference=busy*")).containsExactly("busybox:latest");
        assertThat(listed("--filter", "reference=labelled:1")).containsExactly("labelled:1");
        assertThat(listed("--filter", "reference=nothing*")).isEmpty();
        assertThat(listed("busybox")).as("a positional repository").containsExactly("busybox:latest");
    }

    @Test
    void labelFilterByKeyOrKeyAndValue() {
        assertThat(listed("--filter", "label=team")).containsExactly("labelled:1");
        assertThat(listed("--filter", "label=team=barge")).containsExactly("labelled:1");
        assertThat(listed("--filter", "label=team=other")).isEmpty();
    }

    @Test
    void beforeAndSinceCompareCreationTimes() {
        assertThat(listed("--filter", "before=labelled:1")).containsExactly("busybox:latest");
        assertThat(listed("--filter", "since=busybox")).containsExactly("<none>:<none>", "labelled:1");
        assertThat(listed("--filter", "since=" + labelled)).containsExactly("<none>:<none>");
        var r = barged.docker("images", "--filter", "before=nosuch");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("No such image: nosuch");
    }

    @Test
    void anUnknownFilterIsRefusedInMobysWords() {
        var r = barged.docker("images", "--filter", "colour=blue");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error response from daemon: invalid filter 'colour'\n");
    }

    @Test
    void digestsAddsAColumn() {
        List<String> lines = ImageArchives.lines(barged.docker("images", "--digests", "busybox").stdout());
        assertThat(lines.getFirst()).matches("REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE");
        assertThat(lines.get(1)).matches("busybox +latest +<none> +" + shortId(busybox) + " .*");
    }

    @Test
    void allListsTheSameTopLevelImagesAsThereAreNoIntermediateOnes() {
        assertThat(ImageArchives.lines(barged.docker("images", "-a", "-q").stdout()))
                .containsExactly(shortId(dangling), shortId(labelled), shortId(busybox));
    }

    @Test
    void infoCountsTheImages() {
        var r = barged.docker("info", "--format", "{{.Images}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("3");
    }

    @Test
    void systemDfCountsTheImagesOnceTheEndpointExists() {
        var probe = barged.curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "http://d/v1.50/system/df");
        assumeTrue(probe.stdout().equals("200"), "GET /system/df is not served yet");
        var r = barged.docker("system", "df", "--format", "{{.Type}} {{.TotalCount}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(ImageArchives.lines(r.stdout())).contains("Images 3");
    }

    @Test
    void theApiAnswersAMalformedFiltersParameterWith400() {
        var r = barged.curl("-s", "-w", "\n%{http_code}", "http://d/v1.50/images/json?filters=%7Bnot-json");
        assertThat(r.stdout()).startsWith("{\"message\":\"invalid filter").endsWith("\n400");
        assertThat(r.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> listed(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("images", "--format", "{{.Repository}}:{{.Tag}}"));
        cmd.addAll(List.of(args));
        var r = barged.docker(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return ImageArchives.lines(r.stdout());
    }

    static String shortId(String id) {
        return id.substring("sha256:".length(), "sha256:".length() + 12);
    }
}
