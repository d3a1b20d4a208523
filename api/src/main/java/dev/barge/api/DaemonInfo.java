package dev.barge.api;

import java.util.List;
import java.util.Map;

/**
 * Facts about the daemon and its host that do not change while it runs, gathered once at
 * start-up by the daemon (host probes, configuration) and reported by {@code /info} and
 * {@code /version}.
 *
 * @param id              the engine ID kept under the data root
 * @param name            the host name
 * @param runtimes        runtime name to binary path
 * @param cgroupVersion   "1" or "2"
 * @param insecureRegistries CIDRs and host names that may be reached without TLS
 */
public record DaemonInfo(
        String id,
        String name,
        String kernelVersion,
        String operatingSystem,
        String osVersion,
        int ncpu,
        long memTotal,
        String cgroupVersion,
        CgroupSupport cgroups,
        String rootDir,
        boolean debug,
        boolean liveRestore,
        Map<String, String> runtimes,
        String defaultRuntime,
        List<String> labels,
        List<String> insecureRegistries,
        List<String> registryMirrors,
        List<String> warnings) {

    public DaemonInfo {
        runtimes = Map.copyOf(runtimes);
        labels = List.copyOf(labels);
        insecureRegistries = List.copyOf(insecureRegistries);
        registryMirrors = List.copyOf(registryMirrors);
        warnings = List.copyOf(warnings);
    }

    /** Which cgroup controls the host offers (what {@code docker info} warns about when missing). */
    public record CgroupSupport(boolean memory, boolean swap, boolean cpuCfs, boolean cpuShares, boolean cpuSet, boolean pids) {}
}
