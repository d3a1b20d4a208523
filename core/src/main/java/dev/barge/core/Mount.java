package dev.barge.core;

import java.util.List;

/**
 * The one value passed from storage to runtime: what to mount where. Storage emits them (an
 * overlay rootfs, a volume, a bind), the runtime turns them into OCI spec mounts; neither
 * imports the other.
 *
 * @param type    the filesystem type ({@code overlay}, {@code bind}, {@code tmpfs}...)
 * @param source  the source path or device
 * @param target  the path inside the container, or empty for a rootfs mount
 * @param options mount options as {@code mount -o} takes them
 */
public record Mount(String type, String source, String target, List<String> options) {
    public Mount {
        options = List.copyOf(options);
    }
}
