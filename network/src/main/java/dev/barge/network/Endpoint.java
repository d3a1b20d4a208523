package dev.barge.network;

import java.util.List;

/**
 * A container's membership of one network, persisted with the network so an address is never
 * handed out twice, even across a daemon restart.
 *
 * @param id            64 hex characters, Docker's EndpointID
 * @param address       the IPv4 address, {@code ""} on host and null networks
 * @param mac           {@code 02:42:...}, {@code ""} on host and null networks
 * @param aliases       extra names the embedded DNS answers for this container on this network
 * @param hostInterface the host side of the veth pair, {@code ""} when there is none
 * @param interfaceName the container side ({@code eth0}, {@code eth1}...)
 * @param links         {@code EndpointSettings.Links}: aliases only this container resolves, to the
 *                      linked container on this network
 * @param linkLocalIps  extra link-local addresses on the interface
 * @param ipv6Address   the IPv6 address on a network with IPv6 enabled, else {@code ""}
 */
public record Endpoint(String id, String containerId, String containerName, String address, String mac,
                       List<String> aliases, String hostInterface, String interfaceName,
                       List<AttachOptions.Link> links, List<String> linkLocalIps, String ipv6Address) {
    public Endpoint {
        aliases = List.copyOf(aliases);
        links = links == null ? List.of() : List.copyOf(links);
        linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
        ipv6Address = ipv6Address == null ? "" : ipv6Address;
    }

    public Endpoint(String id, String containerId, String containerName, String address, String mac,
                    List<String> aliases, String hostInterface, String interfaceName) {
        this(id, containerId, containerName, address, mac, aliases, hostInterface, interfaceName, List.of(), List.of(),
                "");
    }

    public boolean hasAddress() {
        return !address.isEmpty();
    }
}
