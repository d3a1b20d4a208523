package dev.barge.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathTest {
    @TempDir
    Path root;

    @Test
    void dotDotStopsAtTheRoot() {
        assertThat(RootPath.resolve(root, "/../../etc/passwd", true)).isEqualTo(root.resolve("etc/passwd"));
        assertThat(RootPath.resolve(root, "a/../../../b", true)).isEqualTo(root.resolve("b"));
    }

    @Test
    void anAbsoluteSymlinkToSlashIsReRootedInsideTheContainer() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/"));
        assertThat(RootPath.resolve(root, "/escape/tmp/x", true)).isEqualTo(root.resolve("tmp/x"));
    }

    @Test
    void aRelativeSymlinkClimbingOutIsClampedAtTheRoot() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("x"), Path.of("/etc/../../.."));
        Files.createSymbolicLink(root.resolve("etc/up"), Path.of("../../../../tmp"));
        assertThat(RootPath.resolve(root, "/x/tmp/f", true)).isEqualTo(root.resolve("tmp/f"));
        assertThat(RootPath.resolve(root, "/etc/up/f", true)).isEqualTo(root.resolve("tmp/f"));
    }

    @Test
    void chainsOfLinksAreFollowedInsideAndTheLastOneOnlyWhenAsked() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("l1"), Path.of("l2"));
        Files.createSymbolicLink(root.resolve("l2"), Path.of("/real"));
        assertThat(RootPath.resolve(root, "/l1", true)).isEqualTo(root.resolve("real"));
        assertThat(RootPath.resolve(root, "/l1", false)).isEqualTo(root.resolve("l1"));
        assertThat(RootPath.resolve(root, "/l1/", false)).isEqualTo(root.resolve("l1"));
    }

    @Test
    void aSymlinkLoopIsAnError() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> RootPath.resolve(root, "/a/x", true)).hasMessageContaining("too many levels");
    }

    @Test
    void insideNamesTheContainerPath() {
        assertThat(RootPath.inside(root, root)).isEqualTo("/");
        assertThat(RootPath.inside(root, root.resolve("a/b"))).isEqualTo("/a/b");
    }
}
