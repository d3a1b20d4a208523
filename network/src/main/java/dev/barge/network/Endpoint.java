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
 */
public record Endpoint(String id, String containerId, String containerName, String address, String mac,
                       List<String> aliases, String hostInterface, String interfaceName) {
    public Endpoint {
        aliases = List.copyOf(aliases);
    }

    public boolean hasAddress() {
        return !address.isEmpty();
    }
}
