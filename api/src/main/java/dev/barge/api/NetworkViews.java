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
                containers.put(e.containerId(), new NetworkResource.EndpointResource(e.containerName(), e.id(), e.mac(), cidr, ""));
            }
        }
        List<NetworkResource.IpamConfig> config = n.ipam().stream().map(NetworkViews::ipam).toList();
        return new NetworkResource(n.name(), n.id(), n.created(), "local", n.driver(), true, false,
                new NetworkResource.Ipam("default", null, config), n.internal(), n.attachable(), false,
                new NetworkResource.ConfigReference(""), false, containers, n.options(), n.labels());
    }

    private static NetworkResource.IpamConfig ipam(IpamConfig c) {
        return new NetworkResource.IpamConfig(c.subnet().toString(), c.rangeGiven() ? c.ipRange().toString() : "",
                c.gateway().toString());
    }
}
