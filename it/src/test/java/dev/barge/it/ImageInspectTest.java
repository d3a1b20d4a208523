package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code docker image inspect} and {@code docker history} of a loaded busybox. */
@Timeout(60)
class ImageInspectTest extends BargedPerClass {
    private static String id;

    @BeforeAll
    static void start() throws IOException {
        id = loadBusybox();
    }

    @Test
    void inspectShowsDockersFields() throws IOException {
        var r = barged.docker("image", "inspect", "busybox");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode all = new ObjectMapper().readTree(r.stdout());
        assertThat(all.isArray()).isTrue();
        JsonNode i = all.get(0);
        assertThat(i.path("Id").asText()).isEqualTo(id);
        assertThat(i.path("RepoTags").toString()).isEqualTo("[\"busybox:latest\"]");
        assertThat(i.path("Created").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(i.path("Config").path("Cmd").toString()).isEqualTo("[\"sh\"]");
        assertThat(i.path("Config").path("Env").get(0).asText()).startsWith("PATH=");
        assertThat(i.path("RootFS").path("Type").asText()).isEqualTo("layers");
        assertThat(i.path("RootFS").path("Layers")).hasSize(1);
        assertThat(i.path("Size").asLong()).isBetween(1_000_000L, 5_000_000L);
        assertThat(i.path("Os").asText()).isEqualTo("linux");
        assertThat(i.path("Architecture").asText()).isEqualTo("amd64");
        assertThat(i.path("GraphDriver").path("Name").asText()).isEqualTo("overlay2");
        Path upper = Path.of(i.path("GraphDriver").path("Data").path("UpperDir").asText());
        assertThat(upper).startsWith(barged.dataRoot());
        assertThat(Files.isRegularFile(upper.resolve("bin/busybox"))).isTrue();
    }

    @Test
    void formatPicksOneField() {
        assertThat(barged.docker("image", "inspect", "--format", "{{.Id}}", "busybox").stdout()).isEqualTo(id + "\n");
        assertThat(barged.docker("inspect", "--type", "image", "--format", "{{.Os}}/{{.Architecture}}", "busybox:latest").stdout())
                .isEqualTo("linux/amd64\n");
        assertThat(barged.docker("image", "inspect", "--format", "{{.GraphDriver.Name}}", id.substring(7, 19)).stdout())
                .as("by short ID").isEqualTo("overlay2\n");
    }

    @Test
    void anUnknownImageFailsWithDockersMessage() {
        var r = barged.docker("image", "inspect", "nosuch");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("No such image: nosuch");
        assertThat(r.stdout().trim()).isEqualTo("[]");
    }

    @Test
    void historyShowsTheStepsInDockersTable() {
        var r = barged.docker("history", "busybox");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var lines = ImageArchives.lines(r.stdout());
        assertThat(lines.getFirst()).matches("IMAGE +CREATED +CREATED BY +SIZE +COMMENT");
        assertThat(lines.get(1)).matches(id.substring(7, 19) + " +\\d+ years ago +scripts/make-busybox-image: busybox-static +1\\.98MB *");
        assertThat(lines).hasSize(2);
    }

    @Test
    void historyNoTruncQuietAndFormat() {
        assertThat(barged.docker("history", "--no-trunc", "busybox").stdout()).contains(id);
        assertThat(barged.docker("history", "-q", "busybox").stdout()).isEqualTo(id.substring(7, 19) + "\n");
        assertThat(barged.docker("history", "-q", "--no-trunc", "busybox").stdout()).isEqualTo(id + "\n");
        assertThat(barged.docker("history", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}", "busybox").stdout())
                .isEqualTo(id.substring(7, 19) + "|scripts/make-busybox-image: busybox-static|1.98MB\n");
        var missing = barged.docker("history", "nosuch");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
    }
}
