package dev.barge.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.linux.Mknod;
import dev.barge.linux.Xattr;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeTarTest {
    @TempDir
    Path upper;

    private List<String> entries(boolean whiteouts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            new TreeTar(out, whiteouts).addChildren(upper);
        }
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : "")
                        + (e.isLink() ? " link " + e.getLinkName() : ""));
            }
        }
        return names;
    }

    @Test
    void overlayWhiteoutsBecomeTarWhiteouts() throws IOException {
        Files.createDirectories(upper.resolve("etc"));
        Mknod.whiteout(upper.resolve("etc/group"));
        Path opaque = Files.createDirectories(upper.resolve("var"));
        Xattr.set(opaque, "trusted.overlay.opaque", new byte[] {'y'});
        Files.writeString(opaque.resolve("new"), "n");
        assertThat(entries(true)).containsExactly("etc/", "etc/.wh.group", "var/", "var/.wh..wh..opq", "var/new");
    }

    @Test
    void symlinksAndHardLinksAreKeptAsLinks() throws IOException {
        Path f = Files.writeString(upper.resolve("a"), "x");
        Files.createLink(upper.resolve("b"), f);
        Files.createSymbolicLink(upper.resolve("c"), Path.of("/nowhere"));
        assertThat(entries(false)).containsExactly("a", "b link a", "c -> /nowhere");
    }
}
