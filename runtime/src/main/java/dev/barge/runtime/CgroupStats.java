package dev.barge.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of a container's resource use, read from its cgroup ({@code /barge/<id>}, as the
 * spec's {@code cgroupsPath} names it) and its network namespace ({@code /proc/<pid>/net/dev}).
 * Reads cgroup v1 (one hierarchy per controller, as here) and v2 (one unified tree). A file that
 * cannot be read counts as zero: a container may exit between two reads.
 *
 * @param cpuTotalNanos   CPU time of every task in the cgroup
 * @param perCpuNanos     the same per CPU (empty on v2, which does not account per CPU)
 * @param cpuUserNanos    user-mode CPU time
 * @param cpuSystemNanos  kernel-mode CPU time
 * @param systemCpuNanos  the host's CPU time since boot, over every CPU (Docker's {@code system_cpu_usage})
 * @param onlineCpus      CPUs online
 * @param memoryUsage     bytes charged to the cgroup
 * @param memoryMaxUsage  peak of {@link #memoryUsage} (0 when the kernel does not keep it)
 * @param memoryLimit     the limit, or the host's memory when unlimited
 * @param memoryStat      {@code memory.stat} as keys and values
 * @param pids            tasks in the cgroup
 * @param pidsLimit       their limit, 0 when unlimited
 * @param networks        per interface: rx_bytes, rx_packets, rx_errors, rx_dropped, tx_bytes, tx_packets, tx_errors, tx_dropped
 */
public record CgroupStats(long cpuTotalNanos, List<Long> perCpuNanos, long cpuUserNanos, long cpuSystemNanos,
                          long systemCpuNanos, int onlineCpus, long memoryUsage, long memoryMaxUsage, long memoryLimit,
                          Map<String, Long> memoryStat, long pids, long pidsLimit, Map<String, long[]> networks) {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final long CLOCK_TICKS = 100; // USER_HZ on every Linux we run on

    public CgroupStats {
        perCpuNanos = List.copyOf(perCpuNanos);
        memoryStat = Map.copyOf(memoryStat);
        networks = Map.copyOf(networks);
    }

    /** Reads the cgroup of container {@code id} whose init process is {@code pid} (0: no network figures). */
    public static CgroupStats read(String id, long pid) {
        String rel = "barge/" + id;
        long hostMemory = hostMemory();
        Map<String, long[]> nets = pid > 0 ? networks(Path.of("/proc", Long.toString(pid), "net/dev")) : Map.of();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            Path dir = ROOT.resolve(rel);
            Map<String, Long> cpu = keyed(dir.resolve("cpu.stat"));
            Map<String, Long> mem = keyed(dir.resolve("memory.stat"));
            long limit = number(dir.resolve("memory.max"));
            return new CgroupStats(cpu.getOrDefault("usage_usec", 0L) * 1000, List.of(),
                    cpu.getOrDefault("user_usec", 0L) * 1000, cpu.getOrDefault("system_usec", 0L) * 1000,
                    systemCpu(), cpus, number(dir.resolve("memory.current")), number(dir.resolve("memory.peak")),
                    limit <= 0 ? hostMemory : Math.min(limit, hostMemory), mem,
                    number(dir.resolve("pids.current")), number(dir.resolve("pids.max")), nets);
        }
        Path cpuacct = ROOT.resolve("cpuacct").resolve(rel);
        Path memory = ROOT.resolve("memory").resolve(rel);
        Map<String, Long> ticks = keyed(cpuacct.resolve("cpuacct.stat"));
        long limit = number(memory.resolve("memory.limit_in_bytes"));
        return new CgroupStats(number(cpuacct.resolve("cpuacct.usage")), perCpu(cpuacct.resolve("cpuacct.usage_percpu")),
                ticks.getOrDefault("user", 0L) * 1_000_000_000L / CLOCK_TICKS,
                ticks.getOrDefault("system", 0L) * 1_000_000_000L / CLOCK_TICKS,
                systemCpu(), cpus, number(memory.resolve("memory.usage_in_bytes")),
                number(memory.resolve("memory.max_usage_in_bytes")),
                limit <= 0 ? hostMemory : Math.min(limit, hostMemory), keyed(memory.resolve("memory.stat")),
                number(ROOT.resolve("pids").resolve(rel).resolve("pids.current")),
                number(ROOT.resolve("pids").resolve(rel).resolve("pids.max")), nets);
    }

    /** The first number in a file; 0 when missing or {@code max}. */
    private static long number(Path file) {
        try {
            String s = Files.readString(file).trim().split("\\s+")[0];
            return s.equals("max") ? 0 : Long.parseLong(s);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {@code key value} lines. */
    private static Map<String, Long> keyed(Path file) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2) {
                try {
                    out.put(kv[0], Long.parseLong(kv[1]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return out;
    }

    private static List<Long> perCpu(Path file) {
        List<Long> out = new ArrayList<>();
        for (String line : lines(file)) {
            for (String v : line.trim().split("\\s+")) {
                if (!v.isEmpty()) {
                    out.add(Long.parseLong(v));
                }
            }
        }
        return out;
    }

    /** The {@code cpu} line of {@code /proc/stat} in nanoseconds, as moby's {@code getSystemCPUUsage}. */
    private static long systemCpu() {
        for (String line : lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                long sum = 0;
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < Math.min(f.length, 8); i++) {
                    sum += Long.parseLong(f[i]);
                }
                return sum * 1_000_000_000L / CLOCK_TICKS;
            }
        }
        return 0;
    }

    private static long hostMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    /** {@code /proc/<pid>/net/dev}: interface -> the eight counters Docker reports, loopback left out. */
    private static Map<String, long[]> networks(Path file) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (name.equals("lo") || f.length < 12) {
                continue;
            }
            out.put(name, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Long.parseLong(f[11])});
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
