package dev.barge.daemon;

import dev.barge.runtime.RuntimeInfo;
import dev.barge.api.DaemonInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads once, at start-up, what {@code /info} says about the host: kernel, OS, CPUs, memory, cgroups. */
final class HostProbe {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private HostProbe() {}

    /**
     * The host's facts for {@code /info}; {@code runtimes} are those the runtime driver found
     * working or not, so that {@code info} says which OCI runtimes work here and why not.
     */
    static DaemonInfo probe(DaemonConfig config, String engineId, List<RuntimeInfo> runtimes, String defaultRuntime) {
        Map<String, String> osRelease = osRelease();
        boolean v2 = Files.exists(CGROUP.resolve("cgroup.controllers"));
        DaemonInfo.CgroupSupport cgroups = v2 ? cgroupV2() : cgroupV1();
        return new DaemonInfo(
                engineId,
                firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost"),
                firstLine(Path.of("/proc/sys/kernel/osrelease"), "unknown"),
                osRelease.getOrDefault("PRETTY_NAME", "Linux"),
                osRelease.getOrDefault("VERSION_ID", ""),
                Runtime.getRuntime().availableProcessors(),
                memTotal(),
                v2 ? "2" : "1",
                cgroups,
                config.dataRoot().toAbsolutePath().toString(),
                config.debug(),
                config.liveRestore(),
                runtimePaths(runtimes, config),
                defaultRuntime,
                config.labels(),
                config.insecureRegistries(),
                config.registryMirrors(),
                warnings(cgroups, runtimes));
    }

    /** The runtimes that work here, plus configured ones. */
    private static Map<String, String> runtimePaths(List<RuntimeInfo> runtimes, DaemonConfig config) {
        Map<String, String> r = new LinkedHashMap<>();
        for (RuntimeInfo info : runtimes) {
            if (info.available()) {
                r.put(info.name(), info.path().toString());
            }
        }
        r.putAll(config.runtimes());
        return r;
    }

    private static DaemonInfo.CgroupSupport cgroupV1() {
        return new DaemonInfo.CgroupSupport(
                Files.exists(CGROUP.resolve("memory/memory.limit_in_bytes")),
                Files.exists(CGROUP.resolve("memory/memory.memsw.limit_in_bytes")),
                Files.exists(CGROUP.resolve("cpu/cpu.cfs_quota_us")),
                Files.exists(CGROUP.resolve("cpu/cpu.shares")),
                Files.exists(CGROUP.resolve("cpuset/cpuset.cpus")),
                Files.exists(CGROUP.resolve("pids/pids.max")) || Files.isDirectory(CGROUP.resolve("pids")));
    }

    private static DaemonInfo.CgroupSupport cgroupV2() {
        String controllers = firstLine(CGROUP.resolve("cgroup.controllers"), "");
        List<String> c = List.of(controllers.split(" "));
        return new DaemonInfo.CgroupSupport(c.contains("memory"), c.contains("memory"), c.contains("cpu"),
                c.contains("cpu"), c.contains("cpuset"), c.contains("pids"));
    }

    private static List<String> warnings(DaemonInfo.CgroupSupport c, List<RuntimeInfo> runtimes) {
        List<String> w = new ArrayList<>();
        for (RuntimeInfo r : runtimes) {
            if (!r.available()) {
                w.add("WARNING: runtime " + r.name() + " does not work on this host: " + r.reason());
            }
        }
        if (!c.memory()) {
            w.add("WARNING: No memory limit support");
        }
        if (!c.swap()) {
            w.add("WARNING: No swap limit support");
        }
        if (!c.cpuCfs()) {
            w.add("WARNING: No cpu cfs quota support");
        }
        if (!c.cpuShares()) {
            w.add("WARNING: No cpu shares support");
        }
        if (!c.cpuSet()) {
            w.add("WARNING: No cpuset support");
        }
        return w;
    }


    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: unknown
        }
        return 0;
    }

    private static Map<String, String> osRelease() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path p : List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"))) {
            try {
                for (String line : Files.readAllLines(p)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                    }
                }
                return values;
            } catch (IOException e) {
                // try the next one
            }
        }
        return values;
    }

    private static String firstLine(Path file, String fallback) {
        try {
            String s = Files.readString(file).trim();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        } catch (IOException e) {
            return fallback;
        }
    }
}
