package dev.barge.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {
    @TempDir
    Path dir;

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("root"));
    }

    private static byte[] tar(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] data = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
                e.setSize(data.length);
                e.setMode(0640);
                out.putArchiveEntry(e);
                out.write(data);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void filesLandInTheDestinationWithTheirModes() throws IOException {
        Path root = root();
        Files.createDirectories(root.resolve("dst"));
        new ArchiveExtractor(root, "/dst", false, Optional.empty())
                .extract(new ByteArrayInputStream(tar("a/b.txt", "hello")));
        Path f = root.resolve("dst/a/b.txt");
        assertThat(f).hasContent("hello");
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0100640);
    }

    @Test
    void writingThroughASymlinkToSlashStaysInsideTheRoot() throws IOException {
        Path root = root();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../../../../.." + outside));
        new ArchiveExtractor(root, "/", false, Optional.empty())
                .extract(new ByteArrayInputStream(tar("escape/" + outside + "/pwned", "x", "rel/pwned2", "y")));
        assertThat(outside.resolve("pwned")).doesNotExist();
        assertThat(outside.resolve("pwned2")).doesNotExist();
        assertThat(root.resolve(outside.toString().substring(1)).resolve("pwned")).hasContent("x");
    }

    @Test
    void anExistingSymlinkInTheWayIsReplacedNotFollowed() throws IOException {
        Path root = root();
        Path victim = Files.writeString(dir.resolve("victim"), "safe");
        Files.createSymbolicLink(root.resolve("f"), victim);
        new ArchiveExtractor(root, "/", false, Optional.empty()).extract(new ByteArrayInputStream(tar("f", "new")));
        assertThat(victim).hasContent("safe");
        assertThat(Files.isSymbolicLink(root.resolve("f"))).isFalse();
        assertThat(root.resolve("f")).hasContent("new");
    }

    @Test
    void namesClimbingOutOfTheDestinationAreRefused() throws IOException {
        Path root = root();
        assertThatThrownBy(() -> new ArchiveExtractor(root, "/", false, Optional.empty())
                .extract(new ByteArrayInputStream(tar("../../etc/x", "x"))))
                .hasMessage("\"../../etc/x\" is outside of \"/\"");
        assertThat(dir.resolve("etc")).doesNotExist();
    }

    @Test
    void noOverwriteDirNonDirRefusesReplacingADirectoryWithAFile() throws IOException {
        Path root = root();
        Files.createDirectories(root.resolve("d"));
        assertThatThrownBy(() -> new ArchiveExtractor(root, "/", true, Optional.empty())
                .extract(new ByteArrayInputStream(tar("d", "x"))))
                .hasMessageContaining("cannot overwrite directory");
        assertThat(Files.isDirectory(root.resolve("d"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void copyUidGidGivesTheRequestedOwner() throws IOException {
        Path root = root();
        new ArchiveExtractor(root, "/", false, Optional.of(new int[] {1234, 99}))
                .extract(new ByteArrayInputStream(tar("f", "x")));
        assertThat(Files.getAttribute(root.resolve("f"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(root.resolve("f"), "unix:gid")).isEqualTo(99);
    }
}
