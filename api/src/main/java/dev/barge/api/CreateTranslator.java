package dev.barge.api;

import dev.barge.container.ContainerConfig;
import dev.barge.container.CreateRequest;
import dev.barge.container.HostOptions;
import dev.barge.container.ImageConfig;
import dev.barge.container.NamespaceModes;
import dev.barge.container.NetworkRequest;
import dev.barge.container.RestartPolicy;
import dev.barge.container.mounts.MountRequest;
import dev.barge.core.BargeException;
import dev.barge.engineapi.ContainerCreateRequest;
import dev.barge.engineapi.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Engine API's create body -> the container service's {@link CreateRequest}. Nulls end here. */
final class CreateTranslator {
    private CreateTranslator() {}

    static CreateRequest toDomain(String name, ContainerCreateRequest r) {
        if (r.image() == null || r.image().isEmpty()) {
            throw BargeException.invalid("Config cannot be empty in order to create a container");
        }
        return new CreateRequest(name, config(r.config()), Optional.ofNullable(r.entrypoint()),
                host(r.hostConfig()), networking(r));
    }

    /**
     * {@code NetworkingConfig.EndpointsConfig} (aliases, {@code IPAMConfig.IPv4Address}, {@code MacAddress}, {@code DriverOpts}),
     * {@code HostConfig.Links} and the legacy top-level {@code MacAddress}.
     */
    @SuppressWarnings("unchecked")
    static NetworkRequest networking(ContainerCreateRequest r) {
        List<NetworkRequest.Endpoint> endpoints = new ArrayList<>();
        String mac = "";
        Object config = r.networkingConfig() == null ? null : r.networkingConfig().get("EndpointsConfig");
        if (config instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Map<String, Object> settings = e.getValue() instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
                List<String> aliases = settings.get("Aliases") instanceof List<?> l
                        ? l.stream().filter(java.util.Objects::nonNull).map(Object::toString).toList() : List.of();
                Map<?, ?> ipam = settings.get("IPAMConfig") instanceof Map<?, ?> m2 ? m2 : Map.of();
                String ipv4 = ipam.get("IPv4Address") != null ? ipam.get("IPv4Address").toString() : "";
                String endpointMac = "";
                if (settings.get("MacAddress") instanceof String s && !s.isEmpty()) {
                    mac = s;
                    endpointMac = s;
                }
                endpoints.add(new NetworkRequest.Endpoint(e.getKey().toString(), aliases, ipv4,
                        ipam.get("IPv6Address") != null ? ipam.get("IPv6Address").toString() : "",
                        strings(ipam.get("LinkLocalIPs")), strings(settings.get("Links")), endpointMac,
                        stringMap(settings.get("DriverOpts"))));
            }
        }
        if (mac.isEmpty() && r.macAddress() != null) {
            mac = r.macAddress();
        }
        List<String> links = r.hostConfig() == null ? List.of() : list(r.hostConfig().links());
        return new NetworkRequest(endpoints, links, mac);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().filter(java.util.Objects::nonNull).map(Object::toString).toList()
                : List.of();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v.toString()));
        }
        return out;
    }

    static ContainerConfig config(dev.barge.engineapi.ContainerConfig c) {
        return new ContainerConfig(str(c.hostname()), str(c.domainname()), str(c.user()), c.attachStdin(),
                c.attachStdout(), c.attachStderr(), c.tty(), c.openStdin(), c.stdinOnce(), list(c.env()),
                list(c.cmd()), list(c.entrypoint()), str(c.image()), str(c.workingDir()), map(c.labels()),
                str(c.stopSignal()), c.stopTimeout() == null ? -1 : c.stopTimeout(), keys(c.exposedPorts()),
                keys(c.volumes()), healthcheck(c.healthcheck()));
    }

    static ImageConfig.Healthcheck healthcheck(dev.barge.engineapi.ContainerConfig.Healthcheck h) {
        if (h == null || h.test() == null) {
            return ImageConfig.Healthcheck.NONE;
        }
        return new ImageConfig.Healthcheck(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.retries());
    }

    static HostOptions host(HostConfig h) {
        if (h == null) {
            return HostOptions.defaults();
        }
        List<String> binds = new ArrayList<>(list(h.binds()));
        Map<String, String> tmpfs = new LinkedHashMap<>(map(h.tmpfs()));
        List<MountRequest> mounts = new ArrayList<>();
        for (HostConfig.MountSpec m : h.mounts() == null ? List.<HostConfig.MountSpec>of() : h.mounts()) {
            mounts.add(mount(m));
        }
        RestartPolicy restart = h.restartPolicy() == null ? RestartPolicy.NO
                : RestartPolicy.of(str(h.restartPolicy().name()), h.restartPolicy().maximumRetryCount());
        List<HostOptions.Ulimit> ulimits = h.ulimits() == null ? List.of() : h.ulimits().stream()
                .map(u -> new HostOptions.Ulimit(u.name(), u.soft(), u.hard())).toList();
        HostOptions.Resources resources = new HostOptions.Resources(h.memory(), h.memorySwap(), h.cpuShares(),
                h.cpuQuota(), h.cpuPeriod(), h.nanoCpus(), h.pidsLimit() == null || h.pidsLimit() < 0 ? 0
                : h.pidsLimit(), str(h.cpusetCpus()));
        Map<String, List<HostOptions.PortBinding>> ports = new LinkedHashMap<>();
        if (h.portBindings() != null) {
            h.portBindings().forEach((port, bindings) -> ports.put(port, bindings == null ? List.of()
                    : bindings.stream().map(b -> new HostOptions.PortBinding(str(b.hostIp()), str(b.hostPort())))
                    .toList()));
        }
        return new HostOptions(binds, str(h.networkMode()), restart, h.autoRemove(), list(h.capAdd()),
                list(h.capDrop()), list(h.dns()), list(h.dnsSearch()), list(h.dnsOptions()), list(h.extraHosts()),
                list(h.groupAdd()), h.privileged(), h.readonlyRootfs(), list(h.securityOpt()), tmpfs, h.shmSize(),
                map(h.sysctls()), ulimits, h.init() != null && h.init(), str(h.runtime()), resources, ports,
                h.publishAllPorts()).withMounts(mounts, list(h.volumesFrom()))
                .withLogConfig(h.logConfig() == null ? HostOptions.LogConfig.DEFAULT
                        : new HostOptions.LogConfig(str(h.logConfig().type()), map(h.logConfig().config())),
                        str(h.isolation()))
                .withNamespaces(new NamespaceModes(str(h.pidMode()), str(h.ipcMode()), str(h.utsMode())))
                .withDevices(devices(h.devices()))
                .withVolumeDriver(str(h.volumeDriver()))
                .withCgroups(new HostOptions.CgroupOptions(str(h.cgroupnsMode()), list(h.deviceCgroupRules())))
                .withTuning(tuning(h));
    }

    /** The less common knobs; a missing {@code MemorySwappiness} is -1, as Docker's CLI sends it. */
    static HostOptions.Tuning tuning(HostConfig h) {
        boolean dnsGiven = h.dns() != null || h.dnsOptions() != null || h.dnsSearch() != null;
        return new HostOptions.Tuning(h.cpuCount(), h.cpuRealtimePeriod(), h.cpuRealtimeRuntime(),
                h.memoryReservation(), h.memorySwappiness() == null ? -1 : h.memorySwappiness(),
                h.oomKillDisable() != null && h.oomKillDisable(), h.oomScoreAdj(), str(h.usernsMode()), dnsGiven);
    }

    /** {@code --mount} as the CLI sends it (already parsed on its side). */
    static MountRequest mount(HostConfig.MountSpec m) {
        MountRequest.Type type = switch (str(m.type())) {
            case "bind" -> MountRequest.Type.BIND;
            case "volume" -> MountRequest.Type.VOLUME;
            case "tmpfs" -> MountRequest.Type.TMPFS;
            case "" -> throw BargeException.invalid("invalid mount config: mount type unknown");
            default -> throw BargeException.invalid("invalid mount config for type \"%s\": mount type unknown", m.type());
        };
        HostConfig.VolumeOptions v = m.volumeOptions();
        Map<String, String> driverOptions = v == null || v.driverConfig() == null ? Map.of()
                : map(v.driverConfig().options());
        long size = m.tmpfsOptions() == null ? 0 : m.tmpfsOptions().sizeBytes();
        int mode = m.tmpfsOptions() == null ? 0 : m.tmpfsOptions().mode();
        return new MountRequest(type, str(m.source()), str(m.target()), m.readOnly(), "", false,
                v != null && v.noCopy(), m.bindOptions() == null ? "" : str(m.bindOptions().propagation()), size,
                mode, v == null ? Map.of() : map(v.labels()), driverOptions);
    }

    /** {@code HostConfig.Devices}: {@code PathOnHost}, {@code PathInContainer}, {@code CgroupPermissions}. */
    static List<HostOptions.Device> devices(List<Object> devices) {
        List<HostOptions.Device> out = new ArrayList<>();
        for (Object o : list(devices)) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("PathOnHost") instanceof String host) || host.isEmpty()) {
                throw BargeException.invalid("invalid device mapping: PathOnHost is required");
            }
            out.add(new HostOptions.Device(host, m.get("PathInContainer") instanceof String c ? c : "",
                    m.get("CgroupPermissions") instanceof String p ? p : ""));
        }
        return out;
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l.stream().filter(java.util.Objects::nonNull).toList();
    }

    static Map<String, String> map(Map<String, String> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }

    private static List<String> keys(Map<String, Object> m) {
        return m == null ? List.of() : List.copyOf(m.keySet());
    }
}
