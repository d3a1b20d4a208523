package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.template.GoNil;
import dev.barge.template.OmitsEmpty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Go types the docker CLI decodes inspect answers into, so that --format sees the same
 * shape: every field of the struct in its order, zero or nil when the JSON lacks it
 * ({{.State.Health}} is {@code <nil>}, {{json .Config.Healthcheck}} is {@code null}), and
 * omitempty fields left out of {{json}}. Fields the JSON has beyond the type are kept.
 *
 * <p>Each type is "Name: Field kind, ..." with kinds: {@code s} string, {@code n} number,
 * {@code b} bool, {@code []} slice, {@code {}} map, {@code *} pointer to a scalar,
 * {@code *T} pointer to struct T, {@code T} struct value, {@code []T} slice and {@code {}T} map of
 * struct T; a trailing {@code ?} marks omitempty. From moby's api/types as the docker CLI 28
 * vendors them.
 */
final class GoShapes {
    private static final String TYPES = """
            Container: Id s, Created s, Path s, Args [], State *State, Image s, ResolvConfPath s, HostnamePath s, \
            HostsPath s, LogPath s, Name s, RestartCount n, Driver s, Platform s, MountLabel s, ProcessLabel s, \
            AppArmorProfile s, ExecIDs [], HostConfig *HostConfig, GraphDriver GraphDriver, SizeRw *?, SizeRootFs *?, \
            Mounts []MountPoint, Config *Config, NetworkSettings *NetworkSettings, ImageManifestDescriptor *?
            State: Status s, Running b, Paused b, Restarting b, OOMKilled b, Dead b, Pid n, ExitCode n, Error s, \
            StartedAt s, FinishedAt s, Health *Health?
            Health: Status s, FailingStreak n, Log []HealthLog
            HealthLog: Start s, End s, ExitCode n, Output s
            GraphDriver: Data {}, Name s
            MountPoint: Type s?, Name s?, Source s, Destination s, Driver s?, Mode s, RW b, Propagation s
            Config: Hostname s, Domainname s, User s, AttachStdin b, AttachStdout b, AttachStderr b, ExposedPorts {}?, \
            Tty b, OpenStdin b, StdinOnce b, Env [], Cmd [], Healthcheck *HealthConfig?, ArgsEscaped b?, Image s, \
            Volumes {}, WorkingDir s, Entrypoint [], NetworkDisabled b?, MacAddress s?, OnBuild [], Labels {}, \
            StopSignal s?, StopTimeout *?, Shell []?
            HealthConfig: Test []?, Interval n?, Timeout n?, StartPeriod n?, StartInterval n?, Retries n?
            HostConfig: Binds [], ContainerIDFile s, LogConfig LogConfig, NetworkMode s, PortBindings {}, \
            RestartPolicy RestartPolicy, AutoRemove b, VolumeDriver s, VolumesFrom [], ConsoleSize [], Annotations {}?, \
            CapAdd [], CapDrop [], CgroupnsMode s, Dns [], DnsOptions [], DnsSearch [], ExtraHosts [], GroupAdd [], \
            IpcMode s, Cgroup s, Links [], OomScoreAdj n, PidMode s, Privileged b, PublishAllPorts b, ReadonlyRootfs b, \
            SecurityOpt [], StorageOpt {}?, Tmpfs {}?, UTSMode s, UsernsMode s, ShmSize n, Sysctls {}?, Runtime s?, \
            Isolation s, CpuShares n, Memory n, NanoCpus n, CgroupParent s, BlkioWeight n, BlkioWeightDevice [], \
            BlkioDeviceReadBps [], BlkioDeviceWriteBps [], BlkioDeviceReadIOps [], BlkioDeviceWriteIOps [], CpuPeriod n, \
            CpuQuota n, CpuRealtimePeriod n, CpuRealtimeRuntime n, CpusetCpus s, CpusetMems s, Devices [], \
            DeviceCgroupRules [], DeviceRequests [], KernelMemoryTCP n?, MemoryReservation n, MemorySwap n, \
            MemorySwappiness *, OomKillDisable *, PidsLimit *, Ulimits [], CpuCount n, CpuPercent n, IOMaximumIOps n, \
            IOMaximumBandwidth n, Mounts []?, MaskedPaths [], ReadonlyPaths [], Init *?
            LogConfig: Type s, Config {}
            RestartPolicy: Name s, MaximumRetryCount n
            NetworkSettings: Bridge s, SandboxID s, SandboxKey s, Ports {}, HairpinMode b, LinkLocalIPv6Address s, \
            LinkLocalIPv6PrefixLen n, SecondaryIPAddresses [], SecondaryIPv6Addresses [], EndpointID s, Gateway s, \
            GlobalIPv6Address s, GlobalIPv6PrefixLen n, IPAddress s, IPPrefixLen n, IPv6Gateway s, MacAddress s, \
            Networks {}Endpoint
            Endpoint: IPAMConfig *, Links [], Aliases [], MacAddress s, DriverOpts {}, GwPriority n, NetworkID s, \
            EndpointID s, Gateway s, IPAddress s, IPPrefixLen n, IPv6Gateway s, GlobalIPv6Address s, \
            GlobalIPv6PrefixLen n, DNSNames []
            Image: Id s, RepoTags [], RepoDigests [], Parent s, Comment s, Created s?, DockerVersion s, Author s, \
            Config *ImageConfig, Architecture s, Variant s?, Os s, OsVersion s?, Size n, GraphDriver GraphDriver, \
            RootFS RootFS, Metadata Metadata, Descriptor *?, Manifests []?
            ImageConfig: User s?, ExposedPorts {}?, Env []?, Entrypoint []?, Cmd []?, Volumes {}?, WorkingDir s?, \
            Labels {}?, StopSignal s?, ArgsEscaped b?, Healthcheck *HealthConfig?, OnBuild []?, Shell []?
            RootFS: Type s, Layers []?
            Metadata: LastTagTime s
            Network: Name s, Id s, Created s, Scope s, Driver s, EnableIPv4 b, EnableIPv6 b, IPAM IPAM, Internal b, \
            Attachable b, Ingress b, ConfigFrom ConfigFrom, ConfigOnly b, Containers {}NetEndpoint, Options {}, \
            Labels {}, Peers []?, Services {}?
            IPAM: Driver s, Options {}, Config []IPAMConfig
            IPAMConfig: Subnet s?, IPRange s?, Gateway s?, AuxiliaryAddresses {}?
            ConfigFrom: Network s
            NetEndpoint: Name s, EndpointID s, MacAddress s, IPv4Address s, IPv6Address s
            Volume: ClusterVolume *?, CreatedAt s?, Driver s, Labels {}, Mountpoint s, Name s, Options {}, Scope s, \
            Status {}?, UsageData *?
            """;

    private record Field(String name, String kind, String type, boolean omitEmpty) {}

    private static Map<String, List<Field>> types;

    private GoShapes() {}

    /** The JSON object as the Go struct {@code type} (Container, Image, Network, Volume) sees it. */
    static Object typed(JsonNode json, String type) {
        return struct(json, type);
    }

    private static synchronized Map<String, List<Field>> types() {
        if (types != null) return types;
        types = new HashMap<>();
        for (String line : TYPES.split("\n")) {
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            List<Field> fields = new ArrayList<>();
            for (String f : line.substring(colon + 1).split(",")) {
                String[] p = f.strip().split(" ");
                boolean omit = p[1].endsWith("?");
                String k = omit ? p[1].substring(0, p[1].length() - 1) : p[1];
                String kind = k.startsWith("[]") ? "[]" : k.startsWith("{}") ? "{}" : k.startsWith("*") ? "*"
                        : k.equals("s") || k.equals("n") || k.equals("b") ? k : "struct";
                String of = kind.equals("struct") ? k : k.substring(kind.length());
                fields.add(new Field(p[0], kind, of, omit));
            }
            types.put(line.substring(0, colon), fields);
        }
        return types;
    }

    private static Map<String, Object> struct(JsonNode json, String type) {
        List<Field> fields = types().get(type);
        Struct out = new Struct();
        for (Field f : fields) {
            JsonNode v = json == null ? null : json.get(f.name());
            out.put(f.name(), value(v, f));
            if (f.omitEmpty()) out.omitted.add(f.name());
        }
        if (json != null && json.isObject()) {
            json.properties().forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Object value(JsonNode v, Field f) {
        boolean nil = v == null || v.isNull() || v.isMissingNode();
        return switch (f.kind()) {
            case "s" -> nil ? "" : v;
            case "n" -> nil ? (Object) 0L : v;
            case "b" -> nil ? (Object) false : v;
            case "*" -> nil ? GoNil.POINTER : f.type().isEmpty() || !v.isObject() ? v : struct(v, f.type());
            case "struct" -> struct(nil ? null : v, f.type());
            case "[]" -> {
                if (nil) yield GoNil.SLICE;
                if (f.type().isEmpty() || !v.isArray()) yield v;
                List<Object> items = new ArrayList<>();
                for (JsonNode item : v) items.add(item.isObject() ? struct(item, f.type()) : item);
                yield items;
            }
            default -> {
                if (nil) yield GoNil.MAP;
                if (!v.isObject()) yield v;
                Map<String, Object> m = new SortedGoMap(); // Go maps print and marshal with sorted keys
                v.properties().forEach(e -> m.put(e.getKey(), f.type().isEmpty() || !e.getValue().isObject()
                        ? e.getValue() : struct(e.getValue(), f.type())));
                yield m;
            }
        };
    }

    private static final class SortedGoMap extends TreeMap<String, Object> implements dev.barge.template.GoMap {}

    /** One struct value: fields in Go's order; omitempty ones named for the json function. */
    private static final class Struct extends LinkedHashMap<String, Object> implements OmitsEmpty {
        final Set<String> omitted = new java.util.HashSet<>();

        @Override
        public boolean omitsEmpty(String field) {
            return omitted.contains(field);
        }
    }
}
