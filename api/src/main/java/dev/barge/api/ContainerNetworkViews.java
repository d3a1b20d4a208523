package dev.barge.api;

import dev.barge.container.Container;
import dev.barge.container.NetworkRequest;
import dev.barge.engineapi.ContainerSummary;
import dev.barge.engineapi.HostConfig;
import dev.barge.engineapi.NetworkSettings;
import dev.barge.network.NetworkAttachment;
import dev.barge.network.PublishedPort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's networks as Docker shows them: inspect's {@code NetworkSettings} and the
 * {@code Ports} and {@code NetworkSettings} of {@code docker ps}. A running container shows its
 * live attachment; a stopped one the networks it asked for, with empty addresses.
 */
final class ContainerNetworkViews {
    private ContainerNetworkViews() {}

    static NetworkSettings settings(Container c, NetworkRequest request, Optional<NetworkAttachment> attachment) {
        if (attachment.isEmpty()) {
            return new NetworkSettings("", "", "", Map.of(), false, "", 0, null, null, "", "", "", 0, "", 0, "", "",
                    configured(c, request));
        }
        NetworkAttachment a = attachment.get();
        Map<String, NetworkSettings.EndpointSettings> networks = new LinkedHashMap<>();
        NetworkSettings.EndpointSettings bridge = null;
        for (NetworkAttachment.AttachedEndpoint e : a.endpoints()) {
            NetworkSettings.EndpointSettings s = endpoint(e, request, c);
            networks.put(e.networkName(), s);
            if (e.networkName().equals("bridge")) {
                bridge = s;
            }
        }
        String sandboxKey = a.netns().map(Object::toString).orElse("");
        if (a.mode().startsWith("container:")) {
            sandboxKey = "";
        }
        NetworkSettings.EndpointSettings top = bridge == null ? NetworkSettings.EndpointSettings.empty() : bridge;
        return new NetworkSettings("", sandboxId(c.id()), sandboxKey, ports(c, a), false, "", 0, null, null,
                top.endpointId(), top.gateway(), "", 0, top.ipAddress(), top.ipPrefixLen(), "", top.macAddress(),
                networks);
    }

    private static NetworkSettings.EndpointSettings endpoint(NetworkAttachment.AttachedEndpoint e, NetworkRequest request,
                                                             Container c) {
        Optional<NetworkRequest.Endpoint> asked = request.endpoint(e.networkName())
                .or(() -> request.endpoint(e.networkId()))
                .or(() -> e.networkName().equals("bridge") ? request.endpoint("default") : Optional.empty());
        List<String> aliases = e.endpoint().aliases().isEmpty() ? null : e.endpoint().aliases();
        List<String> links = asked.map(ContainerNetworkViews::links).orElse(null);
        if (links == null && e.networkName().equals("bridge") && !request.links().isEmpty()) {
            links = request.links().stream().map(l -> legacyLink(l, c)).toList();
        }
        return new NetworkSettings.EndpointSettings(asked.map(ContainerNetworkViews::ipam).orElse(null), links, aliases,
                e.endpoint().mac(), asked.map(ContainerNetworkViews::driverOpts).orElse(null), 0, e.networkId(),
                e.endpoint().id(), e.gateway(), e.endpoint().address(), e.endpoint().hasAddress() ? e.prefixLength() : 0,
                e.endpoint().ipv6Address().isEmpty() ? "" : e.ipv6Gateway(), e.endpoint().ipv6Address(),
                e.endpoint().ipv6Address().isEmpty() ? 0 : e.ipv6PrefixLength(), e.dnsNames().isEmpty() ? null : e.dnsNames());
    }

    /**
     * Inspect for API 1.44 and older, as moby's router: on user-defined networks the aliases also
     * list the short ID and the hostname (1.45 shows the aliases as given; {@code DNSNames} has the rest).
     */
    static NetworkSettings withLegacyAliases(NetworkSettings settings, Container c) {
        Map<String, NetworkSettings.EndpointSettings> networks = new LinkedHashMap<>();
        settings.networks().forEach((name, ep) -> {
            if (!userDefined(name)) {
                networks.put(name, ep);
                return;
            }
            java.util.LinkedHashSet<String> aliases = new java.util.LinkedHashSet<>(
                    ep.aliases() == null ? List.of() : ep.aliases());
            aliases.add(c.shortId());
            aliases.add(c.config().hostname());
            aliases.remove("");
            networks.put(name, ep.withAliases(List.copyOf(aliases)));
        });
        return settings.withNetworks(networks);
    }

    private static boolean userDefined(String network) {
        return !(network.equals("bridge") || network.equals("default") || network.equals("host")
                || network.equals("none") || network.startsWith("container:"));
    }

    /** What a container asked of one network, as inspect shows it before (and after) the container runs. */
    private static NetworkSettings.EndpointSettings asked(NetworkRequest.Endpoint r) {
        return new NetworkSettings.EndpointSettings(ipam(r), links(r), r.aliases().isEmpty() ? null : r.aliases(),
                r.mac(), driverOpts(r), 0, "", "", "", "", 0, "", "", 0, null);
    }

    /** Docker's {@code IPAMConfig}: null unless an address was asked for. */
    private static NetworkSettings.EndpointSettings.IpamConfig ipam(NetworkRequest.Endpoint r) {
        if (r.ipv4().isEmpty() && r.ipv6().isEmpty() && r.linkLocalIps().isEmpty()) {
            return null;
        }
        return new NetworkSettings.EndpointSettings.IpamConfig(r.ipv4(), r.ipv6(), r.linkLocalIps());
    }

    private static List<String> links(NetworkRequest.Endpoint r) {
        return r.links().isEmpty() ? null : r.links();
    }

    private static Map<String, String> driverOpts(NetworkRequest.Endpoint r) {
        return r.driverOpts().isEmpty() ? null : new java.util.TreeMap<>(r.driverOpts());
    }

    /** Docker shows links as {@code /target:/container/alias}. */
    static String legacyLink(String link, Container c) {
        String t = link.startsWith("/") ? link.substring(1) : link;
        int colon = t.indexOf(':');
        String target = colon < 0 ? t : t.substring(0, colon);
        String alias = colon < 0 ? t : t.substring(colon + 1);
        if (alias.startsWith("/")) {
            return "/" + target + ":" + alias;
        }
        return "/" + target + ":/" + c.shortName() + "/" + alias;
    }

    /** The networks a stopped container will join. */
    static Map<String, NetworkSettings.EndpointSettings> configured(Container c, NetworkRequest request) {
        String mode = ContainerViews.networkModeWord(c.host().networkMode());
        Map<String, NetworkSettings.EndpointSettings> out = new LinkedHashMap<>();
        if (!mode.startsWith("container:")) {
            out.put(mode, NetworkSettings.EndpointSettings.empty());
        }
        for (NetworkRequest.Endpoint e : request.endpoints()) {
            String name = ContainerViews.networkModeWord(e.network());
            NetworkSettings.EndpointSettings prior = out.get(name);
            if (prior == null || prior.equals(NetworkSettings.EndpointSettings.empty())) {
                out.put(name, asked(e));
            }
        }
        return out;
    }

    /** {@code "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}, and {@code null} for exposed-only ports. */
    static Map<String, List<HostConfig.PortBinding>> ports(Container c, NetworkAttachment a) {
        Map<String, List<HostConfig.PortBinding>> out = new LinkedHashMap<>();
        if (a.mode().equals("host") || a.mode().equals("none") || a.mode().startsWith("container:")) {
            return out;
        }
        for (String p : c.config().exposedPorts()) {
            out.put(normalize(p), null);
        }
        for (String p : c.host().portBindings().keySet()) {
            out.putIfAbsent(normalize(p), null);
        }
        for (PublishedPort p : a.ports()) {
            // a null (exposed-only) entry counts as absent here
            out.computeIfAbsent(p.containerPort().toString(), k -> new ArrayList<>()).add(new HostConfig.PortBinding(p.shownHostIp(), Integer.toString(p.hostPort())));
        }
        return out;
    }

    private static String normalize(String port) {
        return port.contains("/") ? port : port + "/tcp";
    }

    /** {@code docker ps}'s PORTS: published ones with their host side, exposed ones alone. */
    static List<ContainerSummary.Port> summaryPorts(Container c, Optional<NetworkAttachment> attachment) {
        List<ContainerSummary.Port> out = new ArrayList<>();
        if (attachment.isEmpty()) {
            return out;
        }
        ports(c, attachment.get()).forEach((key, bindings) -> {
            int slash = key.indexOf('/');
            int port = Integer.parseInt(key.substring(0, slash));
            String type = key.substring(slash + 1);
            if (bindings == null || bindings.isEmpty()) {
                out.add(new ContainerSummary.Port("", port, 0, type));
            } else {
                bindings.forEach(b -> out.add(new ContainerSummary.Port(b.hostIp(), port,
                        Integer.parseInt(b.hostPort()), type)));
            }
        });
        return out;
    }

    /** {@code docker ps}'s networks: the live endpoints, or the configured networks. */
    static Map<String, NetworkSettings.EndpointSettings> summaryNetworks(Container c, NetworkRequest request,
                                                                         Optional<NetworkAttachment> attachment) {
        return settings(c, request, attachment).networks();
    }

    /** A stable 64-hex sandbox ID per container (Docker's SandboxID is random per start; nothing relies on it). */
    static String sandboxId(String containerId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("sandbox:" + containerId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
