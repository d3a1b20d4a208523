package dev.barge.runtime.oci;

import dev.barge.runtime.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Namespaces, cgroup path and limits, sysctls and rlimits. */
public final class LinuxOptions {
    private LinuxOptions() {}

    /** Fresh pid, ipc, uts and mount namespaces; the network one as asked. */
    public static SpecOption withNamespaces(RunSpec.NetworkNamespace network) {
        return withNamespaces(network, RunSpec.Namespaces.PRIVATE);
    }

    /**
     * A fresh mount namespace; pid, ipc, uts and network ones as asked. A host namespace is one the
     * spec does not list; without a private UTS namespace runc refuses a hostname, so none is set.
     */
    public static SpecOption withNamespaces(RunSpec.NetworkNamespace network, RunSpec.Namespaces shared) {
        return (context, spec) -> {
            List<Spec.Namespace> namespaces = new ArrayList<>();
            add(namespaces, "pid", shared.pid());
            add(namespaces, "ipc", shared.ipc());
            add(namespaces, "uts", shared.uts());
            namespaces.add(Spec.Namespace.fresh("mount"));
            add(namespaces, "cgroup", shared.cgroup());
            if (!(shared.uts() instanceof RunSpec.Sharing.Private)) {
                spec.hostname = null;
                spec.domainname = null;
            }
            switch (network) {
                case RunSpec.NetworkNamespace.Fresh f -> namespaces.add(Spec.Namespace.fresh("network"));
                case RunSpec.NetworkNamespace.Host h -> { }
                case RunSpec.NetworkNamespace.Join j -> namespaces.add(new Spec.Namespace("network", j.path()));
            }
            spec.linux.namespaces = namespaces;
        };
    }

    private static void add(List<Spec.Namespace> namespaces, String type, RunSpec.Sharing sharing) {
        switch (sharing) {
            case RunSpec.Sharing.Private p -> namespaces.add(Spec.Namespace.fresh(type));
            case RunSpec.Sharing.Host h -> { }
            case RunSpec.Sharing.Join j -> namespaces.add(new Spec.Namespace(type, j.path()));
        }
    }

    /** cgroupfs path {@code /barge/<id>}. */
    public static SpecOption withCgroupsPath(String id) {
        return (context, spec) -> spec.linux.cgroupsPath = "/barge/" + id;
    }

    public static SpecOption withResources(RunSpec.Resources r) {
        return (context, spec) -> {
            if (r.memoryBytes() > 0 || r.memorySwapBytes() != 0 || r.memoryReservation() > 0
                    || r.memorySwappiness() >= 0 || r.oomKillDisable()) {
                spec.linux.resources.memory = new Spec.Memory(positive(r.memoryBytes()),
                        r.memorySwapBytes() == 0 ? null : r.memorySwapBytes(), positive(r.memoryReservation()),
                        r.memorySwappiness() >= 0 ? r.memorySwappiness() : null, r.oomKillDisable() ? true : null);
            }
            if (r.cpuShares() > 0 || r.cpuQuota() > 0 || r.cpuPeriod() > 0 || !r.cpusetCpus().isEmpty()
                    || r.cpuRealtimeRuntime() > 0 || r.cpuRealtimePeriod() > 0) {
                spec.linux.resources.cpu = new Spec.Cpu(positive(r.cpuShares()), positive(r.cpuQuota()),
                        positive(r.cpuPeriod()), r.cpusetCpus().isEmpty() ? null : r.cpusetCpus(),
                        positive(r.cpuRealtimeRuntime()), positive(r.cpuRealtimePeriod()));
            }
            if (r.oomScoreAdj() != 0) spec.process.oomScoreAdj = r.oomScoreAdj();
            if (r.pidsLimit() != 0) spec.linux.resources.pids = new Spec.Pids(r.pidsLimit());
        };
    }

    private static Long positive(long value) {
        return value > 0 ? value : null;
    }

    public static SpecOption withSysctls(Map<String, String> sysctls) {
        return (context, spec) -> spec.linux.sysctl = sysctls.isEmpty() ? null : new LinkedHashMap<>(sysctls);
    }

    /**
     * barged's own NOFILE and NPROC limits, overridden by the given ulimits ({@code nofile} ->
     * soft/hard); nothing exceeds barged's hard limit, since raising it needs CAP_SYS_RESOURCE.
     */
    public static SpecOption withRlimits(Map<String, RunSpec.Ulimit> ulimits) {
        return (context, spec) -> {
            Map<String, Spec.Rlimit> limits = new LinkedHashMap<>();
            for (String type : List.of("RLIMIT_NOFILE", "RLIMIT_NPROC")) {
                Spec.Rlimit own = context.host().rlimits().get(type);
                if (own != null) limits.put(type, own);
            }
            ulimits.forEach((name, limit) -> {
                String type = "RLIMIT_" + name.toUpperCase(java.util.Locale.ROOT);
                Spec.Rlimit own = context.host().rlimits().get(type);
                long hard = cap(limit.hard(), own);
                limits.put(type, new Spec.Rlimit(type, Math.min(limit.soft() < 0 ? hard : limit.soft(), hard < 0 ? Long.MAX_VALUE : hard), hard));
            });
            spec.process.rlimits = limits.isEmpty() ? null : new ArrayList<>(limits.values());
        };
    }

    private static long cap(long wanted, Spec.Rlimit own) {
        if (own == null || own.hard() < 0) return wanted;
        return wanted < 0 ? own.hard() : Math.min(wanted, own.hard());
    }
}
