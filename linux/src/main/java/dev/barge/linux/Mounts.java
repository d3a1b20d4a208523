package dev.barge.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * mount(2) and umount2(2) behind an interface, so the runtime's rootfs handling is testable
 * without root ({@link RecordingMounts}). Options are given as {@code mount -o} takes them;
 * flag words ({@code ro}, {@code nosuid}, {@code bind}...) become mount flags, the rest is data.
 */
public interface Mounts {
    void mount(String type, String source, Path target, List<String> options) throws IOException;

    /** Lazily detaches the mount at {@code target} (MNT_DETACH); a target that is not mounted is not an error. */
    void unmount(Path target) throws IOException;

    /** The real kernel. */
    static Mounts system() {
        return new LinuxMounts();
    }
}
