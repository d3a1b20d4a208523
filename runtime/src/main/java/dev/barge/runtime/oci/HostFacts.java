package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * barged's own privileges, read once: what a container may be given never exceeds them (root
 * here lacks CAP_SYS_RESOURCE, so runc would fail on more caps or higher hard limits).
 *
 * @param capabilities names ({@code CAP_CHOWN}...) in barged's bounding set
 * @param rlimits      OCI rlimit type ({@code RLIMIT_NOFILE}) -> barged's own soft and hard limits
 * @param seccompProfile the default profile file, if installed
 * @param init         the init binary for {@code --init}, if installed
 */
public record HostFacts(List<String> capabilities, Map<String, Spec.Rlimit> rlimits,
                        Optional<Path> seccompProfile, Optional<Path> init) {
    public HostFacts {
        capabilities = List.copyOf(capabilities);
        rlimits = Map.copyOf(rlimits);
    }

    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    /** Reads /proc/self/status and /proc/self/limits, and looks for the seccomp profile and an init. */
    public static HostFacts probe() {
        try {
            return new HostFacts(
                    boundingSet(Files.readAllLines(Path.of("/proc/self/status"))),
                    rlimits(Files.readAllLines(Path.of("/proc/self/limits"))),
                    existing(Path.of("/usr/share/containers/seccomp.json")),
                    existing(Path.of("/usr/bin/catatonit")).or(() -> existing(Path.of("/usr/bin/tini-static"))));
        } catch (IOException e) {
            throw BargeException.internal("cannot read barged's own limits", e);
        }
    }

    private static Optional<Path> existing(Path path) {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    static List<String> boundingSet(List<String> statusLines) {
        return statusLines.stream().filter(line -> line.startsWith("CapBnd:"))
                .map(line -> Capabilities.fromMask(Long.parseUnsignedLong(line.substring(7).trim(), 16)))
                .findFirst().orElse(List.of());
    }

    static Map<String, Spec.Rlimit> rlimits(List<String> limitsLines) {
        Map<String, Spec.Rlimit> limits = new LinkedHashMap<>();
        for (String line : limitsLines) {
            if (line.length() < 26) continue;
            String type = LIMIT_NAMES.get(line.substring(0, 26).trim());
            if (type == null) continue;
            String[] words = line.substring(26).trim().split("\\s+");
            limits.put(type, new Spec.Rlimit(type, limit(words[0]), limit(words[1])));
        }
        return limits;
    }

    private static long limit(String word) {
        return word.equals("unlimited") ? -1L : Long.parseLong(word);
    }
}
