package dev.barge.container;

import dev.barge.container.mounts.MountRequest;
import java.util.List;
import java.util.Map;

/**
 * How the host runs a container (Docker's {@code HostConfig}, in domain terms). Stored with the
 * container. Empty strings and lists mean "not set".
 *
 * @param binds        {@code /host:/container[:ro]} bind mounts
 * @param networkMode  {@code none}, {@code host}, {@code bridge}/{@code default}, {@code container:<id>}
 * @param tmpfs        container path -> mount options
 * @param shmSize      bytes for /dev/shm; 0 for the default 64 MiB
 * @param init         run an init process as PID 1
 * @param runtime      runtime name, empty for the default
 * @param mounts       {@code --mount} requests (checked at create)
 * @param volumesFrom  {@code --volumes-from} sources, {@code container[:ro|rw]}
 * @param namespaces   {@code --pid}, {@code --ipc}, {@code --uts}; {@link NamespaceModes#DEFAULT} in records stored before them
 * @param devices      {@code --device} mappings; empty in records stored before them
 * @param volumeDriver {@code HostConfig.VolumeDriver}: the driver for volumes the create makes; empty for {@code local}
 * @param cgroups      {@code --cgroupns} and {@code --device-cgroup-rule}
 * @param tuning       the less common kernel knobs; {@link Tuning#NONE} in records stored before them
 */
public record HostOptions(List<String> binds, String networkMode, RestartPolicy restartPolicy, boolean autoRemove,
                          List<String> capAdd, List<String> capDrop, List<String> dns, List<String> dnsSearch,
                          List<String> dnsOptions, List<String> extraHosts, List<String> groupAdd,
                          boolean privileged, boolean readonlyRootfs, List<String> securityOpt,
                          Map<String, String> tmpfs, long shmSize, Map<String, String> sysctls,
                          List<Ulimit> ulimits, boolean init, String runtime, Resources resources,
                          Map<String, List<PortBinding>> portBindings, boolean publishAllPorts,
                          List<MountRequest> mounts, List<String> volumesFrom, LogConfig logConfig,
                          String isolation, NamespaceModes namespaces, List<Device> devices, String volumeDriver,
                          CgroupOptions cgroups, Tuning tuning) {
    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

    public HostOptions {
        binds = List.copyOf(binds);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        extraHosts = List.copyOf(extraHosts);
        groupAdd = List.copyOf(groupAdd);
        securityOpt = List.copyOf(securityOpt);
        tmpfs = Map.copyOf(tmpfs);
        sysctls = Map.copyOf(sysctls);
        ulimits = List.copyOf(ulimits);
        portBindings = Map.copyOf(portBindings);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
        logConfig = logConfig == null ? LogConfig.DEFAULT : logConfig;
        isolation = isolation == null ? "" : isolation;
        namespaces = namespaces == null ? NamespaceModes.DEFAULT : namespaces;
        devices = devices == null ? List.of() : List.copyOf(devices);
        volumeDriver = volumeDriver == null ? "" : volumeDriver;
        cgroups = cgroups == null ? CgroupOptions.DEFAULT : cgroups;
        tuning = tuning == null ? Tuning.NONE : tuning;
    }

    /** With no volume driver, the default cgroup options and none of the less common knobs. */
    public HostOptions(List<String> binds, String networkMode, RestartPolicy restartPolicy, boolean autoRemove,
                       List<String> capAdd, List<String> capDrop, List<String> dns, List<String> dnsSearch,
                       List<String> dnsOptions, List<String> extraHosts, List<String> groupAdd,
                       boolean privileged, boolean readonlyRootfs, List<String> securityOpt,
                       Map<String, String> tmpfs, long shmSize, Map<String, String> sysctls,
                       List<Ulimit> ulimits, boolean init, String runtime, Resources resources,
                       Map<String, List<PortBinding>> portBindings, boolean publishAllPorts,
                       List<MountRequest> mounts, List<String> volumesFrom, LogConfig logConfig,
                       String isolation, NamespaceModes namespaces, List<Device> devices) {
        this(binds, networkMode, restartPolicy, autoRemove, capAdd, capDrop, dns, dnsSearch, dnsOptions, extraHosts,
                groupAdd, privileged, readonlyRootfs, securityOpt, tmpfs, shmSize, sysctls, ulimits, init, runtime,
                resources, portBindings, publishAllPorts, mounts, volumesFrom, logConfig, isolation, namespaces,
                devices, "", CgroupOptions.DEFAULT, Tuning.NONE);
    }

    /** With private pid, ipc and uts namespaces and no devices. */
    public HostOptions(List<String> binds, String networkMode, RestartPolicy restartPolicy, boolean autoRemove,
                       List<String> capAdd, List<String> capDrop, List<String> dns, List<String> dnsSearch,
                       List<String> dnsOptions, List<String> extraHosts, List<String> groupAdd,
                       boolean privileged, boolean readonlyRootfs, List<String> securityOpt,
                       Map<String, String> tmpfs, long shmSize, Map<String, String> sysctls,
                       List<Ulimit> ulimits, boolean init, String runtime, Resources resources,
                       Map<String, List<PortBinding>> portBindings, boolean publishAllPorts,
                       List<MountRequest> mounts, List<String> volumesFrom, LogConfig logConfig, String isolation) {
        this(binds, networkMode, restartPolicy, autoRemove, capAdd, capDrop, dns, dnsSearch, dnsOptions, extraHosts,
                groupAdd, privileged, readonlyRootfs, securityOpt, tmpfs, shmSize, sysctls, ulimits, init, runtime,
                resources, portBindings, publishAllPorts, mounts, volumesFrom, logConfig, isolation,
                NamespaceModes.DEFAULT, List.of());
    }

    /** With the default log configuration and isolation. */
    public HostOptions(List<String> binds, String networkMode, RestartPolicy restartPolicy, boolean autoRemove,
                       List<String> capAdd, List<String> capDrop, List<String> dns, List<String> dnsSearch,
                       List<String> dnsOptions, List<String> extraHosts, List<String> groupAdd,
                       boolean privileged, boolean readonlyRootfs, List<String> securityOpt,
                       Map<String, String> tmpfs, long shmSize, Map<String, String> sysctls,
                       List<Ulimit> ulimits, boolean init, String runtime, Resources resources,
                       Map<String, List<PortBinding>> portBindings, boolean publishAllPorts,
                       List<MountRequest> mounts, List<String> volumesFrom) {
        this(binds, networkMode, restartPolicy, autoRemove, capAdd, capDrop, dns, dnsSearch, dnsOptions, extraHosts,
                groupAdd, privileged, readonlyRootfs, securityOpt, tmpfs, shmSize, sysctls, ulimits, init, runtime,
                resources, portBindings, publishAllPorts, mounts, volumesFrom, LogConfig.DEFAULT, "");
    }

    /** Without {@code --mount} and {@code --volumes-from}. */
    public HostOptions(List<String> binds, String networkMode, RestartPolicy restartPolicy, boolean autoRemove,
                       List<String> capAdd, List<String> capDrop, List<String> dns, List<String> dnsSearch,
                       List<String> dnsOptions, List<String> extraHosts, List<String> groupAdd,
                       boolean privileged, boolean readonlyRootfs, List<String> securityOpt,
                       Map<String, String> tmpfs, long shmSize, Map<String, String> sysctls,
                       List<Ulimit> ulimits, boolean init, String runtime, Resources resources,
                       Map<String, List<PortBinding>> portBindings, boolean publishAllPorts) {
        this(binds, networkMode, restartPolicy, autoRemove, capAdd, capDrop, dns, dnsSearch, dnsOptions, extraHosts,
                groupAdd, privileged, readonlyRootfs, securityOpt, tmpfs, shmSize, sysctls, ulimits, init, runtime,
                resources, portBindings, publishAllPorts, List.of(), List.of());
    }

    /** The same options with these {@code --mount} requests and {@code --volumes-from} sources. */
    public HostOptions withMounts(List<MountRequest> newMounts, List<String> newVolumesFrom) {
        return edit(b -> {
            b.mounts = newMounts;
            b.volumesFrom = newVolumesFrom;
        });
    }

    /** Everything unset: what {@code docker create busybox} sends, more or less. */
    public static HostOptions defaults() {
        return new HostOptions(List.of(), "default", RestartPolicy.NO, false, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, false, List.of(), Map.of(), 0, Map.of(),
                List.of(), false, "", Resources.NONE, Map.of(), false);
    }

    public HostOptions withNetworkMode(String mode) {
        return edit(b -> b.networkMode = mode);
    }

    public HostOptions withRestartPolicy(RestartPolicy policy) {
        return edit(b -> b.restartPolicy = policy);
    }

    public HostOptions withResources(Resources newResources) {
        return edit(b -> b.resources = newResources);
    }

    /** The same options with this log configuration and isolation (as the request gave them). */
    public HostOptions withLogConfig(LogConfig newLogConfig, String newIsolation) {
        return edit(b -> {
            b.logConfig = newLogConfig;
            b.isolation = newIsolation;
        });
    }

    /** The same options with these {@code --pid}, {@code --ipc} and {@code --uts} modes. */
    public HostOptions withNamespaces(NamespaceModes modes) {
        return edit(b -> b.namespaces = modes);
    }

    /** The same options with these {@code --device} mappings. */
    public HostOptions withDevices(List<Device> newDevices) {
        return edit(b -> b.devices = newDevices);
    }

    /** The same options with these {@code --add-host} entries, {@code host:ip}. */
    public HostOptions withExtraHosts(List<String> newExtraHosts) {
        return edit(b -> b.extraHosts = newExtraHosts);
    }

    /** The same options with this volume driver ({@code HostConfig.VolumeDriver}, as the request gave it). */
    public HostOptions withVolumeDriver(String newVolumeDriver) {
        return edit(b -> b.volumeDriver = newVolumeDriver);
    }

    /** The same options with these {@code --cgroupns} and {@code --device-cgroup-rule} settings. */
    public HostOptions withCgroups(CgroupOptions newCgroups) {
        return edit(b -> b.cgroups = newCgroups);
    }

    /**
     * {@code --cgroupns} and {@code --device-cgroup-rule}.
     *
     * @param namespaceMode {@code host}, {@code private}, or empty for the daemon's default (decided at create)
     * @param deviceRules   rules as given, {@code c 7:128 rwm}
     */
    public record CgroupOptions(String namespaceMode, List<String> deviceRules) {
        public static final CgroupOptions DEFAULT = new CgroupOptions("", List.of());

        public CgroupOptions {
            namespaceMode = namespaceMode == null ? "" : namespaceMode;
            deviceRules = deviceRules == null ? List.of() : List.copyOf(deviceRules);
        }
    }

    /** The same options with these less common knobs. */
    public HostOptions withTuning(Tuning newTuning) {
        return edit(b -> b.tuning = newTuning);
    }

    /**
     * Knobs few containers set, kept apart so {@link HostOptions} stays readable. Zero, -1 for
     * {@code memorySwappiness}, and empty strings mean "not set".
     *
     * @param cpuCount           Docker's {@code CpuCount} (Windows only in Docker; kept and shown)
     * @param cpuRealtimePeriod  {@code --cpu-rt-period} in microseconds
     * @param cpuRealtimeRuntime {@code --cpu-rt-runtime} in microseconds
     * @param memoryReservation  {@code --memory-reservation}: the soft limit in bytes
     * @param memorySwappiness   {@code --memory-swappiness} 0..100, -1 when not set
     * @param oomKillDisable     {@code --oom-kill-disable}
     * @param oomScoreAdj        {@code --oom-score-adj}, applied to the container's process
     * @param usernsMode         {@code --userns}: empty or {@code host}
     * @param dnsGiven           the request carried the DNS lists (even empty): inspect then shows
     *                           {@code []} rather than nothing, as Docker keeps what it was given
     */
    public record Tuning(long cpuCount, long cpuRealtimePeriod, long cpuRealtimeRuntime, long memoryReservation,
                         long memorySwappiness, boolean oomKillDisable, int oomScoreAdj, String usernsMode,
                         boolean dnsGiven) {
        public static final Tuning NONE = new Tuning(0, 0, 0, 0, -1, false, 0, "", true);

        public Tuning {
            usernsMode = usernsMode == null ? "" : usernsMode;
        }
    }

    /**
     * {@code HostConfig.LogConfig}: what inspect shows. Logs are always kept (CRI files); the type
     * {@code none} only makes reading them refused, as Docker's driver that keeps nothing.
     */
    public record LogConfig(String type, Map<String, String> config) {
        public static final LogConfig DEFAULT = new LogConfig("json-file", Map.of());

        public LogConfig {
            type = type == null || type.isEmpty() ? "json-file" : type;
            config = config == null ? Map.of() : Map.copyOf(config);
        }
    }

    /** These options with what {@code change} sets on a copy: one place that lists every component. */
    private HostOptions edit(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy for {@link #edit}; records have no withers of their own. */
    private static final class Copy {
        List<String> binds;
        String networkMode;
        RestartPolicy restartPolicy;
        boolean autoRemove;
        List<String> capAdd;
        List<String> capDrop;
        List<String> dns;
        List<String> dnsSearch;
        List<String> dnsOptions;
        List<String> extraHosts;
        List<String> groupAdd;
        boolean privileged;
        boolean readonlyRootfs;
        List<String> securityOpt;
        Map<String, String> tmpfs;
        long shmSize;
        Map<String, String> sysctls;
        List<Ulimit> ulimits;
        boolean init;
        String runtime;
        Resources resources;
        Map<String, List<PortBinding>> portBindings;
        boolean publishAllPorts;
        List<MountRequest> mounts;
        List<String> volumesFrom;
        LogConfig logConfig;
        String isolation;
        NamespaceModes namespaces;
        List<Device> devices;
        String volumeDriver;
        CgroupOptions cgroups;
        Tuning tuning;

        Copy(HostOptions h) {
            binds = h.binds;
            networkMode = h.networkMode;
            restartPolicy = h.restartPolicy;
            autoRemove = h.autoRemove;
            capAdd = h.capAdd;
            capDrop = h.capDrop;
            dns = h.dns;
            dnsSearch = h.dnsSearch;
            dnsOptions = h.dnsOptions;
            extraHosts = h.extraHosts;
            groupAdd = h.groupAdd;
            privileged = h.privileged;
            readonlyRootfs = h.readonlyRootfs;
            securityOpt = h.securityOpt;
            tmpfs = h.tmpfs;
            shmSize = h.shmSize;
            sysctls = h.sysctls;
            ulimits = h.ulimits;
            init = h.init;
            runtime = h.runtime;
            resources = h.resources;
            portBindings = h.portBindings;
            publishAllPorts = h.publishAllPorts;
            mounts = h.mounts;
            volumesFrom = h.volumesFrom;
            logConfig = h.logConfig;
            isolation = h.isolation;
            namespaces = h.namespaces;
            devices = h.devices;
            volumeDriver = h.volumeDriver;
            cgroups = h.cgroups;
            tuning = h.tuning;
        }

        HostOptions build() {
            return new HostOptions(
                    binds, networkMode, restartPolicy, autoRemove, capAdd, capDrop, dns, dnsSearch,
                    dnsOptions, extraHosts, groupAdd, privileged, readonlyRootfs, securityOpt, tmpfs,
                    shmSize, sysctls, ulimits, init, runtime, resources, portBindings, publishAllPorts,
                    mounts, volumesFrom, logConfig, isolation, namespaces, devices, volumeDriver, cgroups,
                    tuning);
        }
    }

    /** The effective /dev/shm size. */
    public long effectiveShmSize() {
        return shmSize > 0 ? shmSize : DEFAULT_SHM_SIZE;
    }

    public record Ulimit(String name, long soft, long hard) {}

    /** {@code --device host[:container[:rwm]]}; an empty container path is the host's, empty permissions {@code rwm}. */
    public record Device(String pathOnHost, String pathInContainer, String permissions) {
        public Device {
            pathOnHost = pathOnHost == null ? "" : pathOnHost;
            pathInContainer = pathInContainer == null || pathInContainer.isEmpty() ? pathOnHost : pathInContainer;
            permissions = permissions == null || permissions.isEmpty() ? "rwm" : permissions;
        }
    }

    public record PortBinding(String hostIp, String hostPort) {}

    /** cgroup limits; zero means unlimited. {@code nanoCpus} is Docker's {@code --cpus} times 1e9. */
    public record Resources(long memory, long memorySwap, long cpuShares, long cpuQuota, long cpuPeriod,
                            long nanoCpus, long pidsLimit, String cpusetCpus) {
        public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0, 0, "");
    }
}
