package dev.barge.runtime;

import dev.barge.core.Mount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the runtime needs to run one container, already resolved by the container service
 * (image config merged, names looked up). The runtime turns it into an OCI spec.
 *
 * @param id           the 64-hex container ID
 * @param rootfs       mounts that make the root filesystem: typically one overlay mount with an
 *                     empty target; the runtime mounts it at the bundle's {@code rootfs}
 * @param mounts       further mounts inside the container (binds, volumes, tmpfs, /etc/hosts...)
 * @param process      what to run
 * @param hostname     the UTS hostname
 * @param domainname   the NIS domain name, usually empty
 * @param network      where the container's network namespace comes from
 * @param security     capabilities, seccomp, privileges
 * @param resources    cgroup limits (may be {@link Resources#NONE})
 * @param sysctls      kernel parameters set inside the container
 * @param shmSize      bytes for /dev/shm (Docker's default 64 MiB)
 * @param readonlyRootfs {@code --read-only}
 * @param init         run an init (catatonit/tini) as PID 1 that reaps zombies
 * @param annotations  OCI annotations (labels travel here)
 * @param runtime      the runtime to use ({@code runc}, {@code crun}) or empty for the default
 * @param namespaces   where the pid, ipc and uts namespaces come from ({@code --pid}, {@code --ipc}, {@code --uts})
 * @param devices      host devices to add ({@code --device})
 * @param deviceCgroupRules further device cgroup rules as Docker takes them ({@code c 7:128 rwm}, {@code --device-cgroup-rule})
 */
public record RunSpec(
        String id,
        List<Mount> rootfs,
        List<Mount> mounts,
        ProcessSpec process,
        String hostname,
        String domainname,
        NetworkNamespace network,
        Security security,
        Resources resources,
        Map<String, String> sysctls,
        long shmSize,
        boolean readonlyRootfs,
        boolean init,
        Map<String, String> annotations,
        Optional<String> runtime,
        Namespaces namespaces,
        List<Device> devices,
        List<String> deviceCgroupRules) {

    public RunSpec {
        deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
        namespaces = namespaces == null ? Namespaces.PRIVATE : namespaces;
        devices = devices == null ? List.of() : List.copyOf(devices);
        rootfs = List.copyOf(rootfs);
        mounts = List.copyOf(mounts);
        sysctls = Map.copyOf(sysctls);
        annotations = Map.copyOf(annotations);
    }

    /** With no further device cgroup rules. */
    public RunSpec(String id, List<Mount> rootfs, List<Mount> mounts, ProcessSpec process, String hostname,
                   String domainname, NetworkNamespace network, Security security, Resources resources,
                   Map<String, String> sysctls, long shmSize, boolean readonlyRootfs, boolean init,
                   Map<String, String> annotations, Optional<String> runtime, Namespaces namespaces,
                   List<Device> devices) {
        this(id, rootfs, mounts, process, hostname, domainname, network, security, resources, sysctls, shmSize,
                readonlyRootfs, init, annotations, runtime, namespaces, devices, List.of());
    }

    /** With private pid, ipc and uts namespaces and no added devices. */
    public RunSpec(String id, List<Mount> rootfs, List<Mount> mounts, ProcessSpec process, String hostname,
                   String domainname, NetworkNamespace network, Security security, Resources resources,
                   Map<String, String> sysctls, long shmSize, boolean readonlyRootfs, boolean init,
                   Map<String, String> annotations, Optional<String> runtime) {
        this(id, rootfs, mounts, process, hostname, domainname, network, security, resources, sysctls, shmSize,
                readonlyRootfs, init, annotations, runtime, Namespaces.PRIVATE, List.of());
    }

    /**
     * The container's process.
     *
     * @param args     argv, resolved from entrypoint + cmd; never empty
     * @param env      {@code KEY=value} entries
     * @param cwd      absolute working directory
     * @param user     {@code uid}, {@code uid:gid}, {@code name} or {@code name:group} as given;
     *                 the runtime resolves names against the rootfs's /etc/passwd and /etc/group
     * @param groupAdd extra groups ({@code --group-add})
     * @param tty      allocate a pseudo-terminal
     * @param openStdin keep stdin open ({@code -i})
     * @param stdinOnce close stdin after the first attach ends
     * @param ulimits  name ({@code nofile}) -> soft, hard
     */
    public record ProcessSpec(List<String> args, List<String> env, String cwd, String user, List<String> groupAdd,
                              boolean tty, boolean openStdin, boolean stdinOnce, Map<String, Ulimit> ulimits) {
        public ProcessSpec {
            args = List.copyOf(args);
            env = List.copyOf(env);
            groupAdd = List.copyOf(groupAdd);
            ulimits = Map.copyOf(ulimits);
        }
    }

    public record Ulimit(long soft, long hard) {}

    /** Where the network namespace comes from. */
    public sealed interface NetworkNamespace {
        /** A fresh namespace with only loopback (also {@code --network none}). */
        record Fresh() implements NetworkNamespace {}

        /** The host's namespace ({@code --network host}). */
        record Host() implements NetworkNamespace {}

        /** An existing namespace, by path ({@code /proc/<pid>/ns/net} of another container, or a bind-mounted netns). */
        record Join(String path) implements NetworkNamespace {}
    }

    /**
     * A host device the container gets ({@code --device}); a directory brings the devices under it.
     *
     * @param permissions cgroup access, some of {@code rwm}
     */
    public record Device(String pathOnHost, String pathInContainer, String permissions) {}

    /** Where one namespace comes from: a fresh one, the host's (none in the spec), or another's by path. */
    public sealed interface Sharing {
        /** A fresh namespace of the container's own. */
        record Private() implements Sharing {}

        /** The host's namespace: the spec lists none of that type. */
        record Host() implements Sharing {}

        /** An existing namespace by path, such as {@code /proc/<pid>/ns/pid} of another container. */
        record Join(String path) implements Sharing {}
    }

    /**
     * The pid, ipc, uts and cgroup namespaces ({@code --pid}, {@code --ipc}, {@code --uts}, {@code --cgroupns}).
     * {@link #PRIVATE} keeps the host's cgroup namespace, Docker's default on cgroup v1 hosts.
     */
    public record Namespaces(Sharing pid, Sharing ipc, Sharing uts, Sharing cgroup) {
        public static final Namespaces PRIVATE = new Namespaces(new Sharing.Private(), new Sharing.Private(),
                new Sharing.Private());

        /** With the host's cgroup namespace. */
        public Namespaces(Sharing pid, Sharing ipc, Sharing uts) {
            this(pid, ipc, uts, new Sharing.Host());
        }

        /** The same namespaces with this cgroup namespace. */
        public Namespaces withCgroup(Sharing newCgroup) {
            return new Namespaces(pid, ipc, uts, newCgroup);
        }
    }

    /**
     * @param privileged  {@code --privileged}: all capabilities barged holds, no seccomp, devices
     * @param capAdd      capability names as Docker takes them ({@code NET_ADMIN} or {@code CAP_NET_ADMIN}, {@code ALL})
     * @param capDrop     likewise
     * @param seccompProfile empty for the default profile, {@code unconfined}, or a profile's JSON text
     * @param noNewPrivileges {@code --security-opt no-new-privileges}
     */
    public record Security(boolean privileged, List<String> capAdd, List<String> capDrop,
                           Optional<String> seccompProfile, boolean noNewPrivileges) {
        public Security {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
        }

        public static final Security DEFAULT = new Security(false, List.of(), List.of(), Optional.empty(), false);
    }

    /**
     * cgroup limits and the process's OOM score; zero means unlimited or unset.
     *
     * @param memorySwappiness   0..100, -1 for the kernel's default
     * @param cpuRealtimeRuntime microseconds of real-time scheduling per {@code cpuRealtimePeriod}
     * @param oomScoreAdj        the container process's {@code oom_score_adj}
     */
    public record Resources(long memoryBytes, long memorySwapBytes, long cpuShares, long cpuQuota, long cpuPeriod,
                            long pidsLimit, String cpusetCpus, long memoryReservation, long memorySwappiness,
                            boolean oomKillDisable, long cpuRealtimeRuntime, long cpuRealtimePeriod, int oomScoreAdj) {
        public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0, "");

        public Resources(long memoryBytes, long memorySwapBytes, long cpuShares, long cpuQuota, long cpuPeriod,
                         long pidsLimit, String cpusetCpus) {
            this(memoryBytes, memorySwapBytes, cpuShares, cpuQuota, cpuPeriod, pidsLimit, cpusetCpus, 0, -1, false,
                    0, 0, 0);
        }
    }
}
