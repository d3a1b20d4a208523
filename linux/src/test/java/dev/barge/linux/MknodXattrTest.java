package dev.barge.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MknodXattrTest {
    @TempDir Path dir;

    @Test
    void whiteoutIsACharacterDeviceZeroZero() throws Exception {
        Path w = dir.resolve("gone");
        Mknod.whiteout(w);
        assertThat((Integer) Files.getAttribute(w, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(0020000);
        assertThat((Long) Files.getAttribute(w, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
    }

    @Test
    void fifoIsCreated() throws Exception {
        Path f = dir.resolve("pipe");
        Mknod.fifo(f, 0640);
        assertThat(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat((Integer) Files.getAttribute(f, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000).isEqualTo(0010000);
    }

    @Test
    void trustedXattrRoundTrips() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        assertThat(Xattr.get(d, "trusted.overlay.opaque")).isEmpty();
        Xattr.set(d, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        assertThat(Xattr.get(d, "trusted.overlay.opaque")).hasValueSatisfying(v -> assertThat(v).isEqualTo(new byte[] {'y'}));
    }
}
