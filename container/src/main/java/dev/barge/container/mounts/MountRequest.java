package dev.barge.container.mounts;

import java.util.Map;

/**
 * One mount a container asks for, from {@code -v} or {@code --mount}, before volumes are created.
 *
 * @param source        volume name (empty: anonymous), host path for a bind, empty for tmpfs
 * @param mode          {@code -v}'s mode words as given ({@code ro,z}), shown in inspect's {@code Mode}
 * @param fromBindFlag  {@code -v}: a missing bind source is created (with {@code --mount} it is an error)
 * @param propagation   bind propagation, empty for the default {@code rprivate}
 * @param tmpfsSize     bytes, 0 for the kernel's default
 * @param tmpfsMode     permission bits, 0 for the default 1777
 */
public record MountRequest(Type type, String source, String target, boolean readOnly, String mode,
                           boolean fromBindFlag, boolean noCopy, String propagation, long tmpfsSize, int tmpfsMode,
                           Map<String, String> volumeLabels, Map<String, String> driverOptions) {
    public enum Type { VOLUME, BIND, TMPFS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public MountRequest {
        volumeLabels = volumeLabels == null ? Map.of() : Map.copyOf(volumeLabels);
        driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
        mode = mode == null ? "" : mode;
        propagation = propagation == null ? "" : propagation;
    }
}
