package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Linux capability names, Docker's default set and its {@code --cap-add/--cap-drop} rules. */
public final class Capabilities {
    /** Every capability by number, as the kernel numbers them. */
    static final List<String> ALL = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG",
            "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON",
            "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** Docker's default set (CapEff 00000000a80425fb). */
    public static final List<String> DOCKER_DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private Capabilities() {}

    static List<String> fromMask(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < ALL.size(); bit++) {
            if ((mask & (1L << bit)) != 0) names.add(ALL.get(bit));
        }
        return names;
    }

    /** {@code net_admin} or {@code CAP_NET_ADMIN} -> {@code CAP_NET_ADMIN}; {@code ALL} stays; unknown is invalid. */
    static String normalize(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) return upper;
        String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!ALL.contains(full)) throw BargeException.invalid("unknown capability: \"%s\"", full);
        return full;
    }

    /**
     * Docker's rules: {@code ALL} in add gives every capability (those barged holds) minus the
     * drops; {@code ALL} in drop keeps only the adds; otherwise defaults minus drops plus adds.
     */
    public static List<String> tweak(List<String> defaults, List<String> held, List<String> capAdd, List<String> capDrop) {
        List<String> add = capAdd.stream().map(Capabilities::normalize).toList();
        List<String> drop = capDrop.stream().map(Capabilities::normalize).toList();
        Set<String> caps = new LinkedHashSet<>();
        if (add.contains("ALL")) {
            held.stream().filter(c -> !drop.contains(c)).forEach(caps::add);
        } else if (drop.contains("ALL")) {
            caps.addAll(add);
        } else {
            defaults.stream().filter(c -> !drop.contains(c)).forEach(caps::add);
            caps.addAll(add);
        }
        caps.remove("ALL");
        return List.copyOf(caps);
    }
}
