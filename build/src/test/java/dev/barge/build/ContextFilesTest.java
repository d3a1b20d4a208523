package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY's cache key: content and metadata count, modification times do not (as Docker's legacy builder). */
class ContextFilesTest {
    @TempDir
    Path root;

    private String key() throws IOException {
        return ContextFiles.contentKey(ContextFiles.match(root, List.of("."), "COPY"), "/app/",
                ContextFiles.Owner.ROOT, -1, Set.of());
    }

    @Test
    void touchingAFileKeepsTheKey() throws IOException {
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/a.txt"), "a");
        String before = key();
        Files.setLastModifiedTime(root.resolve("d/a.txt"), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(root.resolve("d"), FileTime.fromMillis(2_000));
        assertEquals(before, key());
    }

    @Test
    void contentModeNamesAndLinkTargetsChangeTheKey() throws IOException {
        Files.writeString(root.resolve("a.txt"), "a");
        String first = key();
        Files.writeString(root.resolve("a.txt"), "b");
        String content = key();
        assertNotEquals(first, content);
        Files.setPosixFilePermissions(root.resolve("a.txt"), PosixFilePermissions.fromString("rwx------"));
        String mode = key();
        assertNotEquals(content, mode);
        Files.move(root.resolve("a.txt"), root.resolve("b.txt"));
        String name = key();
        assertNotEquals(mode, name);
        Files.createSymbolicLink(root.resolve("l"), Path.of("b.txt"));
        String link = key();
        assertNotEquals(name, link);
        Files.delete(root.resolve("l"));
        Files.createSymbolicLink(root.resolve("l"), Path.of("elsewhere"));
        assertNotEquals(link, key());
    }

    @Test
    void ownersAndChmodChangeTheKey() throws IOException {
        Files.writeString(root.resolve("a.txt"), "a");
        List<Path> files = ContextFiles.match(root, List.of("a.txt"), "COPY");
        String plain = ContextFiles.contentKey(files, "/x", ContextFiles.Owner.ROOT, -1, Set.of());
        assertNotEquals(plain, ContextFiles.contentKey(files, "/x", new ContextFiles.Owner(5, 6), -1, Set.of()));
        assertNotEquals(plain, ContextFiles.contentKey(files, "/x", ContextFiles.Owner.ROOT, 0600, Set.of()));
        assertNotEquals(plain, ContextFiles.contentKey(files, "/y", ContextFiles.Owner.ROOT, -1, Set.of()));
    }
}
