package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.linux.Mknod;
import dev.barge.linux.Xattr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesTest {
    @TempDir
    Path dir;

    @Test
    void kindsComeFromTheUpperDirectoryAndTheLowerLayers() throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/passwd"), "root");
        Files.writeString(lower.resolve("etc/group"), "root");
        Files.createDirectories(lower.resolve("opt/old"));
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/passwd"), "root\nme");
        Mknod.whiteout(upper.resolve("etc/group"));
        Files.writeString(upper.resolve("etc/hosts"), ""); // the engine's mount point: hidden
        Files.createDirectories(upper.resolve("new/sub"));
        Path opt = Files.createDirectories(upper.resolve("opt"));
        Xattr.set(opt, "trusted.overlay.opaque", new byte[] {'y'});

        List<Change> changes = Changes.of(upper, List.of(lower));
        assertThat(changes).containsExactly(
                new Change("/etc", Change.Kind.MODIFIED),
                new Change("/etc/group", Change.Kind.DELETED),
                new Change("/etc/passwd", Change.Kind.MODIFIED),
                new Change("/new", Change.Kind.ADDED),
                new Change("/new/sub", Change.Kind.ADDED),
                new Change("/opt", Change.Kind.DELETED));
    }
}
