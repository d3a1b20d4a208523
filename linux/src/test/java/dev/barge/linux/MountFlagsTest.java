package dev.barge.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountFlagsTest {
    @Test
    void flagWordsBecomeBitsAndTheRestIsData() {
        MountFlags parsed = MountFlags.parse(List.of("ro", "nosuid", "lowerdir=/a:/b", "upperdir=/u", "rw"));
        assertThat(parsed.flags()).isEqualTo(MountFlags.MS_RDONLY | MountFlags.MS_NOSUID);
        assertThat(parsed.data()).isEqualTo("lowerdir=/a:/b,upperdir=/u");
    }

    @Test
    void rbindIsRecursiveBind() {
        assertThat(MountFlags.parse(List.of("rbind")).flags()).isEqualTo(MountFlags.MS_BIND | MountFlags.MS_REC);
    }

    @Test
    void recordingMountsRemembersUntilUnmount() {
        RecordingMounts mounts = new RecordingMounts();
        mounts.mount("tmpfs", "tmpfs", java.nio.file.Path.of("/x"), List.of("size=1k"));
        assertThat(mounts.mounted()).hasSize(1);
        mounts.unmount(java.nio.file.Path.of("/x"));
        assertThat(mounts.mounted()).isEmpty();
    }
}
