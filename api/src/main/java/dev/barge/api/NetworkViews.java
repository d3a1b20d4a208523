package dev.barge.api;

import dev.barge.engineapi.NetworkResource;
import dev.barge.network.Endpoint;
import dev.barge.network.IpamConfig;
import dev.barge.network.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Domain networks in the Engine API's shapes. */
final class NetworkViews {
    private NetworkViews() {}

    static NetworkResource resource(Network n, boolean withContainers) {
        Map<String, NetworkResource.EndpointResource> containers = new LinkedHashMap<>();
        if (withContainers) {
            for (Endpoint e : n.endpoints().values()) {
                String cidr = e.hasAddress() ? e.address() + "/" + n.pool().subnet().prefix() : "";
                String cidr6 = e.ipv6Address().isEmpty() ? ""
                        : e.ipv6Address() + "/" + n.ipv6().map(six -> six.subnet().prefix()).orElse(64);
                containers.put(e.containerId(), new NetworkResource.EndpointResource(e.containerName(), e.id(), e.mac(), cidr, cidr6));
            }
        }
        // moby's order: the IPv4 pools the user gave, the IPv6 ones, then the IPv4 pools it chose
        List<NetworkResource.IpamConfig> config = new java.util.ArrayList<>();
        n.ipam().stream().filter(IpamConfig::userSubnet).map(NetworkViews::ipam).forEach(config::add);
        n.ipv6Pools().forEach(p -> config.add(new NetworkResource.IpamConfig(p.subnet(), p.ipRange(), p.gateway(),
                new java.util.TreeMap<>(p.auxAddresses()))));
        n.ipam().stream().filter(c -> !c.userSubnet()).map(NetworkViews::ipam).forEach(config::add);
        return new NetworkResource(n.name(), n.id(), n.created(), "local", n.driver(), true, n.enableIpv6(),
                new NetworkResource.Ipam("default", n.ipamOptions().isEmpty() ? null : n.ipamOptions(), config), n.internal(), n.attachable(), false,
                new NetworkResource.ConfigReference(""), false, containers, n.options(), n.labels());
    }

    private static NetworkResource.IpamConfig ipam(IpamConfig c) {
        Map<String, String> aux = new java.util.TreeMap<>(); // Go prints a map's keys sorted
        c.auxAddresses().forEach((name, ip) -> aux.put(name, ip.toString()));
        return new NetworkResource.IpamConfig(c.subnet().toString(), c.rangeGiven() ? c.ipRange().toString() : "",
                c.gateway().toString(), aux);
    }
}
