package dev.barge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.linux.Xattr;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Timeout(30)
class TarExtractorTest {
    @TempDir Path dir;

    private Path target() throws Exception {
        return Files.createDirectories(dir.resolve("layer"));
    }

    private void extract(byte[] tar, Path target) throws Exception {
        TarExtractor.extract(new ByteArrayInputStream(tar), target);
    }

    private void assertRefused(byte[] tar, String fragment) throws Exception {
        Path target = target();
        assertThatThrownBy(() -> extract(tar, target))
                .isInstanceOf(BargeException.class)
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(fragment);
        try (Stream<Path> outside = Files.list(dir)) {
            assertThat(outside).containsExactly(target);
        }
    }

    @Test
    void aFewBytesOfJunkAreNotAnEmptyTar() throws Exception {
        assertRefused(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "invalid layer tar: unexpected EOF");
    }

    @Test
    void aTarCutInsideAHeaderIsRefused() throws Exception {
        byte[] tar = new TarBuilder().file("a", "x").file("b", "y").build();
        assertRefused(java.util.Arrays.copyOf(tar, 1024 + 100), "unexpected EOF");
    }

    @Test
    void aTarCutInsideFileDataIsRefused() throws Exception {
        byte[] tar = new TarBuilder().file("a", "x".repeat(5000)).build();
        assertRefused(java.util.Arrays.copyOf(tar, 512 + 2000), "invalid layer tar entry \"a\"");
    }

    @Test
    void unpacksFilesDirsLinksModesAndOwners() throws Exception {
        Path t = target();
        extract(new TarBuilder().dir("etc").file("etc/hostname", "box\n").owned("bin/tool", "x", 1000, 1001, 04755)
                .symlink("bin/sh", "/bin/tool").hardlink("bin/tool2", "bin/tool").fifo("run/pipe").build(), t);
        assertThat(Files.readString(t.resolve("etc/hostname"))).isEqualTo("box\n");
        assertThat(Files.readSymbolicLink(t.resolve("bin/sh")).toString()).isEqualTo("/bin/tool");
        assertThat(Files.getAttribute(t.resolve("bin/tool"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(t.resolve("bin/tool"), "unix:gid")).isEqualTo(1001);
        assertThat((Integer) Files.getAttribute(t.resolve("bin/tool"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat(Files.getAttribute(t.resolve("bin/tool2"), "unix:nlink")).isEqualTo(2);
        assertThat((Integer) Files.getAttribute(t.resolve("run/pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(010000);
        assertThat(Files.getLastModifiedTime(t.resolve("etc")).toMillis()).isEqualTo(1_577_836_800_000L);
    }

    @Test
    void whiteoutsBecomeOverlayWhiteoutsAndOpaqueDirs() throws Exception {
        Path t = target();
        extract(new TarBuilder().dir("etc").file("etc/.wh.passwd", "").dir("var/cache").file("var/cache/.wh..wh..opq", "")
                .file(".wh..wh.plnk", "").build(), t);
        Path whiteout = t.resolve("etc/passwd");
        assertThat((Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(020000);
        assertThat((Long) Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
        assertThat(Xattr.get(t.resolve("var/cache"), "trusted.overlay.opaque")).hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("y"));
        assertThat(t.resolve(".wh..wh.plnk")).doesNotExist();
    }

    @Test
    void keepsPaxXattrs() throws Exception {
        Path t = target();
        extract(new TarBuilder().fileWithXattr("f", "x", "user.origin", "barge").build(), t);
        assertThat(Xattr.get(t.resolve("f"), "user.origin")).hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("barge"));
    }

    @Test
    void absoluteNamesAreMadeRelative() throws Exception {
        Path t = target();
        extract(new TarBuilder().file("/etc/motd", "hi").build(), t);
        assertThat(t.resolve("etc/motd")).hasContent("hi");
    }

    @Test
    void refusesDotDotEscape() throws Exception {
        assertRefused(new TarBuilder().file("../x", "evil").build(), "escapes the layer");
    }

    @Test
    void refusesAbsolutePathThatClimbsOut() throws Exception {
        assertRefused(new TarBuilder().file("/../../x", "evil").build(), "escapes the layer");
    }

    @Test
    void refusesRelativeSymlinkPointingOutside() throws Exception {
        assertRefused(new TarBuilder().symlink("evil", "../../../../etc").file("evil/passwd", "x").build(), "points outside the layer");
    }

    @Test
    void refusesWritingThroughAnEscapingSymlink() throws Exception {
        Path t = target();
        Files.createSymbolicLink(t.resolve("evil"), Path.of("../.."));
        // a name no one else uses: the escape would land beside this test's temp dir
        String name = "barge-escape-" + java.util.UUID.randomUUID();
        assertThatThrownBy(() -> extract(new TarBuilder().file("evil/" + name, "evil").build(), t))
                .isInstanceOf(BargeException.class).hasMessageContaining("through a symlink");
        assertThat(dir.resolve(name)).doesNotExist();
        assertThat(dir.getParent().resolve(name)).doesNotExist();
    }

    @Test
    void absoluteSymlinksResolveInsideTheLayer() throws Exception {
        Path t = target();
        extract(new TarBuilder().dir("etc").symlink("conf", "/etc").file("conf/x", "inside").build(), t);
        assertThat(t.resolve("etc/x")).hasContent("inside");
    }

    @Test
    void refusesHardlinkToOutside() throws Exception {
        assertRefused(new TarBuilder().hardlink("passwd", "../../../etc/passwd").build(), "escapes the layer");
    }

    @Test
    void refusesDeviceNodes() throws Exception {
        assertRefused(new TarBuilder().charDevice("dev/sda", 8, 0).build(), "device nodes are not allowed");
    }

    @Test
    void acceptsZeroZeroCharDeviceAsWhiteout() throws Exception {
        Path t = target();
        extract(new TarBuilder().charDevice("gone", 0, 0).build(), t);
        assertThat((Long) Files.getAttribute(t.resolve("gone"), "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    }
}
