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

/** {@code docker import} of a root file system tar, from stdin and from a file, with changes. */
@Timeout(60)
class ImageImportTest extends BargedPerClass {
    private static Path rootfs;

    @BeforeAll
    static void start() throws IOException {
        Path dir = barged.dir().resolve("rootfs");
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("etc"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
        Files.createSymbolicLink(dir.resolve("bin/sh"), Path.of("busybox"));
        Files.writeString(dir.resolve("etc/motd"), "imported\n");
        rootfs = barged.dir().resolve("rootfs.tar");
        var tar = barged.exec(List.of("tar", "-C", dir.toString(), "-cf", rootfs.toString(), "."), Duration.ofSeconds(10));
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
    }

    @Test
    void importFromStdinWithChangesAndAMessage() {
        var r = barged.exec(List.of("sh", "-c", "docker import -c 'CMD [\"sh\"]' -c 'ENV A=b' -c 'WORKDIR /w' -c 'LABEL k=v'"
                + " -c 'EXPOSE 80' -m 'my message' - stdin:1 < " + rootfs), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).matches("sha256:[0-9a-f]{64}\n");
        String id = r.stdout().trim();
        assertThat(inspect("stdin:1", "{{.Id}}")).isEqualTo(id);
        assertThat(inspect("stdin:1", "{{json .Config.Cmd}}")).isEqualTo("[\"sh\"]");
        assertThat(inspect("stdin:1", "{{json .Config.Env}}")).isEqualTo("[\"A=b\"]");
        assertThat(inspect("stdin:1", "{{.Config.WorkingDir}} {{json .Config.Labels}} {{json .Config.ExposedPorts}}"))
                .isEqualTo("/w {\"k\":\"v\"} {\"80/tcp\":{}}");
        assertThat(inspect("stdin:1", "{{.Comment}}")).isEqualTo("my message");
        assertThat(inspect("stdin:1", "{{.Os}} {{.RootFS.Type}} {{len .RootFS.Layers}}")).isEqualTo("linux layers 1");
        var history = barged.docker("history", "--format", "{{.Comment}}", "stdin:1");
        assertThat(history.stdout()).isEqualTo("my message\n");
        assertThat(barged.docker("history", "stdin:1").stdout()).contains("my message");
    }

    @Test
    void importFromAFileWithoutMessageSaysWhereFrom() {
        var r = barged.docker("import", rootfs.toString(), "fromfile:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(inspect("fromfile:1", "{{json .Config.Cmd}}")).isEqualTo("null");
        assertThat(barged.docker("history", "--format", "{{.Comment}}", "fromfile:1").stdout()).startsWith("Imported from ");
        assertThat(inspect("fromfile:1", "{{.Size}}")).matches("\\d{7}");
    }

    @Test
    void aGzippedRootfsImportsToTheSameLayer() {
        var plain = barged.docker("import", rootfs.toString(), "plain:1");
        var gz = barged.exec(List.of("sh", "-c", "gzip -c " + rootfs + " | docker import - gz:1"), Duration.ofSeconds(30));
        assertThat(gz.exitCode()).as(gz.toString()).isZero();
        assertThat(plain.exitCode()).isZero();
        assertThat(inspect("gz:1", "{{json .RootFS.Layers}}")).isEqualTo(inspect("plain:1", "{{json .RootFS.Layers}}"));
    }

    @Test
    void anUnknownChangeIsRefusedAndNothingIsStored() {
        var before = StoreView.of(barged).snapshot();
        var r = barged.docker("import", "-c", "RUN rm -rf /", rootfs.toString(), "bad:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error response from daemon: run is not a valid change command\n");
        assertThat(StoreView.of(barged).snapshot()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotATarIsRefusedAndNothingIsStored() throws IOException {
        var before = StoreView.of(barged).snapshot();
        Path junk = barged.dir().resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        var r = barged.docker("import", junk.toString(), "junk:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error response from daemon: ").doesNotContain("Exception");
        assertThat(StoreView.of(barged).snapshot()).isEqualTo(before);
    }

    private static String inspect(String name, String format) {
        var r = barged.docker("image", "inspect", "--format", format, name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout().trim();
    }
}
