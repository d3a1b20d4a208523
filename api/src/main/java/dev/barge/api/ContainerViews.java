package dev.barge.api;

import dev.barge.container.Container;
import dev.barge.container.ContainerDetails;
import dev.barge.container.ContainerState;
import dev.barge.container.Health;
import dev.barge.container.HostOptions;
import dev.barge.container.NetworkRequest;
import dev.barge.container.Status;
import dev.barge.container.Times;
import dev.barge.container.mounts.MountRequest;
import dev.barge.engineapi.ContainerConfig;
import dev.barge.engineapi.ContainerInspect;
import dev.barge.engineapi.ContainerSummary;
import dev.barge.engineapi.HostConfig;
import dev.barge.engineapi.MountPoint;
import dev.barge.engineapi.NetworkSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The container service's records -> the Engine API's inspect and list shapes. */
final class ContainerViews {
    private ContainerViews() {}

    static ContainerInspect inspect(ContainerDetails d) {
        return inspect(d, networkSettings(d.container().host()), List.of());
    }

    static ContainerInspect inspect(ContainerDetails d, NetworkSettings network,
                                    List<dev.barge.container.mounts.MountPoint> mounts) {
        return inspect(d, network, mounts, java.util.Optional.empty());
    }

    static ContainerInspect inspect(ContainerDetails d, NetworkSettings network,
                                    List<dev.barge.container.mounts.MountPoint> mounts,
                                    java.util.Optional<Health> health) {
        return inspect(d, network, mounts, health, NetworkRequest.none());
    }

    /** @param request the container's links (shown in {@code HostConfig.Links}) and asked MAC address */
    static ContainerInspect inspect(ContainerDetails d, NetworkSettings network,
                                    List<dev.barge.container.mounts.MountPoint> mounts,
                                    java.util.Optional<Health> health, NetworkRequest request) {
        Container c = d.container();
        List<String> links = request.links().stream().map(l -> ContainerNetworkViews.legacyLink(l, c)).toList();
        // moby 28 shows the default network's asked address in Config.MacAddress (deprecated since API
        // 1.44, but filled at every version for unversioned clients), bridge and user networks only
        String mode = networkModeWord(c.host().networkMode());
        boolean ownNetwork = !mode.equals("host") && !mode.equals("none") && !mode.startsWith("container:");
        String mac = ownNetwork ? request.mac() : "";
        return new ContainerInspect(c.id(), Times.rfc3339Nano(c.createdNanos()), c.path(), c.args(),
                state(c.state(), health),
                c.imageId(), d.resolvConfPath(), d.hostnamePath(), d.hostsPath(), d.logPath(), c.name(),
                c.state().restartCount(), "overlay2", "linux", "", "", "",
                d.execIds().isEmpty() ? null : d.execIds(), hostConfig(c.host(), links),
                new ContainerInspect.GraphDriver(Map.of(), "overlay2"), mounts(mounts), config(c, mac),
                network);
    }

    static dev.barge.engineapi.ContainerState state(ContainerState s) {
        return state(s, java.util.Optional.empty());
    }

    static dev.barge.engineapi.ContainerState state(ContainerState s, java.util.Optional<Health> health) {
        Status st = s.status();
        boolean running = st == Status.RUNNING || st == Status.PAUSED || st == Status.RESTARTING;
        return new dev.barge.engineapi.ContainerState(st.word(), running, st == Status.PAUSED,
                st == Status.RESTARTING, s.oomKilled(), st == Status.DEAD, s.pid(), s.exitCode(), s.error(),
                Times.rfc3339Nano(s.startedAtNanos()), Times.rfc3339Nano(s.finishedAtNanos()),
                health.map(ContainerViews::health).orElse(null));
    }

    private static dev.barge.engineapi.ContainerState.Health health(Health h) {
        return new dev.barge.engineapi.ContainerState.Health(h.status(), h.failingStreak(), h.log().stream()
                .map(p -> new dev.barge.engineapi.ContainerState.Result(Times.rfc3339Nano(p.startNanos()),
                        Times.rfc3339Nano(p.endNanos()), p.exitCode(), p.output())).toList());
    }

    static ContainerConfig config(Container c) {
        return config(c, "");
    }

    /** @param mac {@code Config.MacAddress}, empty to leave it out */
    static ContainerConfig config(Container c, String mac) {
        dev.barge.container.ContainerConfig k = c.config();
        Map<String, Object> exposed = k.exposedPorts().isEmpty() ? null : emptyObjects(k.exposedPorts());
        Map<String, Object> volumes = k.volumes().isEmpty() ? null : emptyObjects(k.volumes());
        ContainerConfig.Healthcheck health = k.healthcheck().test().isEmpty() ? null
                : new ContainerConfig.Healthcheck(k.healthcheck().test(), k.healthcheck().intervalNanos(),
                k.healthcheck().timeoutNanos(), k.healthcheck().startPeriodNanos(), k.healthcheck().retries());
        return new ContainerConfig(k.hostname(), k.domainname(), k.user(), k.attachStdin(), k.attachStdout(),
                k.attachStderr(), exposed, k.tty(), k.openStdin(), k.stdinOnce(), k.env(),
                k.cmd().isEmpty() ? null : k.cmd(), health, k.image(), volumes, k.workingDir(),
                k.entrypoint().isEmpty() ? null : k.entrypoint(), null, k.labels(),
                k.stopSignal().isEmpty() ? null : k.stopSignal(), k.stopTimeout() >= 0 ? k.stopTimeout() : null, mac);
    }

    private static Map<String, Object> emptyObjects(List<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, Map.of()));
        return m;
    }

    static HostConfig hostConfig(HostOptions h) {
        return hostConfig(h, List.of());
    }

    /** @param links {@code HostConfig.Links} as Docker shows them, {@code /target:/container/alias} */
    static HostConfig hostConfig(HostOptions h, List<String> links) {
        HostOptions.Resources r = h.resources();
        Map<String, List<HostConfig.PortBinding>> ports = new LinkedHashMap<>();
        h.portBindings().forEach((p, bs) -> ports.put(p, bs.stream()
                .map(b -> new HostConfig.PortBinding(b.hostIp(), b.hostPort())).toList()));
        List<HostConfig.Ulimit> ulimits = h.ulimits().stream()
                .map(u -> new HostConfig.Ulimit(u.name(), u.soft(), u.hard())).toList();
        HostOptions.Tuning t = h.tuning();
        return new HostConfig(h.binds().isEmpty() ? null : h.binds(), "",
                new HostConfig.LogConfig(h.logConfig().type(), h.logConfig().config()), networkModeWord(h.networkMode()), ports,
                new HostConfig.RestartPolicy(h.restartPolicy().name(), h.restartPolicy().maximumRetryCount()),
                h.autoRemove(), h.volumeDriver(), nullIfEmpty(h.volumesFrom()), List.of(0, 0), nullIfEmpty(h.capAdd()),
                nullIfEmpty(h.capDrop()), h.cgroups().namespaceMode().isEmpty() ? "host" : h.cgroups().namespaceMode(),
                dnsList(h.dns(), t), dnsList(h.dnsOptions(), t), dnsList(h.dnsSearch(), t),
                nullIfEmpty(h.extraHosts()), nullIfEmpty(h.groupAdd()),
                h.namespaces().ipc().isEmpty() ? "private" : h.namespaces().ipc(), nullIfEmpty(links),
                t.oomScoreAdj(), h.namespaces().pid(),
                h.privileged(), h.publishAllPorts(), h.readonlyRootfs(), nullIfEmpty(h.securityOpt()),
                h.tmpfs().isEmpty() ? null : h.tmpfs(), h.namespaces().uts(), t.usernsMode(), h.effectiveShmSize(),
                h.sysctls().isEmpty() ? null : h.sysctls(), h.runtime().isEmpty() ? "runc" : h.runtime(), h.isolation(),
                r.cpuShares(), r.memory(), r.nanoCpus(), "", r.cpuPeriod(), r.cpuQuota(), r.cpusetCpus(), "",
                devices(h.devices()), t.memoryReservation(), r.memorySwap(),
                t.memorySwappiness() < 0 ? null : t.memorySwappiness(), t.oomKillDisable(),
                r.pidsLimit() == 0 ? null : r.pidsLimit(),
                ulimits.isEmpty() ? null : ulimits, h.init() ? Boolean.TRUE : null, mountSpecs(h.mounts()), null, null,
                nullIfEmpty(h.cgroups().deviceRules()), t.cpuCount(), 0, t.cpuRealtimePeriod(), t.cpuRealtimeRuntime());
    }

    /** Docker keeps the DNS lists as the request gave them: absent ones stay null. */
    private static List<String> dnsList(List<String> l, HostOptions.Tuning t) {
        return l.isEmpty() && !t.dnsGiven() ? null : l;
    }

    /** {@code HostConfig.Mounts}: the {@code --mount} requests as given, unset options left out. */
    static List<HostConfig.MountSpec> mountSpecs(List<MountRequest> mounts) {
        if (mounts.isEmpty()) {
            return null;
        }
        return mounts.stream().map(m -> new HostConfig.MountSpec(m.type().word(), m.source(), m.target(),
                m.readOnly(),
                m.tmpfsSize() > 0 || m.tmpfsMode() > 0 ? new HostConfig.TmpfsOptions(m.tmpfsSize(), m.tmpfsMode()) : null,
                m.propagation().isEmpty() ? null : new HostConfig.BindOptions(m.propagation(), false),
                m.noCopy() || !m.volumeLabels().isEmpty() || !m.driverOptions().isEmpty()
                        ? new HostConfig.VolumeOptions(m.noCopy(), m.volumeLabels().isEmpty() ? null : m.volumeLabels(),
                        m.driverOptions().isEmpty() ? null : new HostConfig.DriverConfig(null, m.driverOptions()))
                        : null)).toList();
    }

    /** {@code HostConfig.Devices} as Docker shows them. */
    private static List<Object> devices(List<HostOptions.Device> devices) {
        return devices.stream().<Object>map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("PathOnHost", d.pathOnHost());
            m.put("PathInContainer", d.pathInContainer());
            m.put("CgroupPermissions", d.permissions());
            return m;
        }).toList();
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : l;
    }

    static String networkModeWord(String mode) {
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    /** The container's resolved mounts, as Docker shows them. */
    static List<MountPoint> mounts(List<dev.barge.container.mounts.MountPoint> mounts) {
        return mounts.stream().map(m -> new MountPoint(m.type(), m.name(), m.source(), m.destination(), m.driver(),
                m.mode(), m.rw(), m.propagation())).toList();
    }

    static List<MountPoint> mounts(HostOptions h) {
        List<MountPoint> out = new ArrayList<>();
        for (String bind : h.binds()) {
            String[] p = bind.split(":");
            if (p.length >= 2) {
                String mode = p.length == 3 ? p[2] : "";
                out.add(new MountPoint("bind", p[0], p[1], mode, !mode.contains("ro"), "rprivate"));
            }
        }
        return out;
    }

    static Map<String, NetworkSettings.EndpointSettings> networks(HostOptions h) {
        String mode = networkModeWord(h.networkMode());
        if (mode.startsWith("container:")) {
            return Map.of();
        }
        return Map.of(mode, NetworkSettings.EndpointSettings.empty());
    }

    static NetworkSettings networkSettings(HostOptions h) {
        return new NetworkSettings("", "", "", Map.of(), false, "", 0, null, null, "", "", "", 0, "", 0, "", "",
                networks(h));
    }

    static ContainerSummary summary(Container c, long nowNanos) {
        return summary(c, nowNanos, List.of(), networks(c.host()), List.of());
    }

    static ContainerSummary summary(Container c, long nowNanos, List<ContainerSummary.Port> ports,
                                    Map<String, NetworkSettings.EndpointSettings> networks,
                                    List<dev.barge.container.mounts.MountPoint> mounts) {
        return summary(c, nowNanos, ports, networks, mounts, java.util.Optional.empty());
    }

    static ContainerSummary summary(Container c, long nowNanos, List<ContainerSummary.Port> ports,
                                    Map<String, NetworkSettings.EndpointSettings> networks,
                                    List<dev.barge.container.mounts.MountPoint> mounts,
                                    java.util.Optional<Health> health) {
        return new ContainerSummary(c.id(), List.of(c.name()), c.config().image(), c.imageId(), command(c),
                c.createdNanos() / 1_000_000_000L, ports, null, null, c.config().labels(),
                c.state().status().word(), StatusText.of(c.state(), nowNanos) + StatusText.health(c.state(), health),
                new ContainerSummary.SummaryHostConfig(networkModeWord(c.host().networkMode())),
                new ContainerSummary.SummaryNetworkSettings(networks), mounts(mounts));
    }

    /** The summary with {@code SizeRw} and {@code SizeRootFs} ({@code docker ps -s}, {@code system df}). */
    static ContainerSummary withSizes(ContainerSummary s, long rw, long rootFs) {
        return new ContainerSummary(s.id(), s.names(), s.image(), s.imageId(), s.command(), s.created(), s.ports(),
                rw, rootFs, s.labels(), s.state(), s.status(), s.hostConfig(), s.networkSettings(), s.mounts());
    }

    /** Docker's {@code Command} column: path and args, args with spaces in single quotes. */
    static String command(Container c) {
        StringBuilder b = new StringBuilder(c.path());
        for (String a : c.args()) {
            b.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
        }
        return b.toString();
    }
}
