package dev.barge.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits {@code mount -o} words into mount(2) flags and the filesystem's data string.
 *
 * @param flags the MS_* bits
 * @param data  the words the filesystem interprets, comma-joined (e.g. overlay's {@code lowerdir=...})
 */
public record MountFlags(long flags, String data) {
    static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
            MS_NOATIME = 1024, MS_NODIRATIME = 2048, MS_BIND = 4096, MS_REC = 16384, MS_PRIVATE = 1 << 18,
            MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;

    private static final Map<String, Long> SET = Map.ofEntries(
            Map.entry("ro", MS_RDONLY), Map.entry("nosuid", MS_NOSUID), Map.entry("nodev", MS_NODEV),
            Map.entry("noexec", MS_NOEXEC), Map.entry("remount", MS_REMOUNT), Map.entry("noatime", MS_NOATIME),
            Map.entry("nodiratime", MS_NODIRATIME), Map.entry("bind", MS_BIND), Map.entry("rbind", MS_BIND | MS_REC),
            Map.entry("relatime", MS_RELATIME), Map.entry("strictatime", MS_STRICTATIME));
    private static final List<String> CLEAR = List.of("rw", "suid", "dev", "exec", "atime", "diratime", "defaults");

    /** Parses option words; unknown words are passed to the filesystem as data. */
    public static MountFlags parse(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : options) {
            Long bit = SET.get(option);
            if (bit != null) {
                flags |= bit;
            } else if (!CLEAR.contains(option)) {
                data.add(option);
            }
        }
        return new MountFlags(flags, String.join(",", data));
    }
}
