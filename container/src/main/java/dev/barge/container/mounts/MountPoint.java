package dev.barge.container.mounts;

import java.util.List;

/**
 * One resolved mount of a container, stored with it (inspect's {@code Mounts}).
 *
 * @param type       {@code volume}, {@code bind} or {@code tmpfs}
 * @param name       the volume's name, empty otherwise
 * @param source     host path: the volume's mountpoint or the bind source; empty for tmpfs
 * @param anonymous  a volume this container created for itself: {@code rm -v} removes it
 * @param noCopy     do not copy the image's content into the volume when it is empty
 * @param options    extra mount options (tmpfs size and mode)
 */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
                         boolean rw, String propagation, boolean anonymous, boolean noCopy, List<String> options) {
    public MountPoint {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean isVolume() {
        return type.equals("volume");
    }

    MountPoint withAccess(boolean newRw, String newMode) {
        return new MountPoint(type, name, source, destination, driver, newMode, newRw, propagation, false, noCopy,
                options);
    }
}
