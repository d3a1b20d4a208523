package dev.barge.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a container needs from its network to start: a namespace to join, its endpoints and the
 * contents of its /etc/hosts and /etc/resolv.conf (the container service writes and mounts them).
 *
 * @param mode       {@code bridge}/network name, {@code host}, {@code none} or {@code container:<id>}
 * @param netns      the bind-mounted namespace to join; empty means the host's namespace
 * @param endpoints  one per network, in attach order
 * @param ports      the ports published, with the host ports chosen
 */
public record NetworkAttachment(String containerId, String mode, Optional<Path> netns, List<AttachedEndpoint> endpoints,
                                List<PublishedPort> ports, String hostsFile, String resolvConf) {
    public NetworkAttachment {
        endpoints = List.copyOf(endpoints);
        ports = List.copyOf(ports);
    }

    /**
     * An endpoint together with the network facts inspect shows next to it.
     *
     * @param dnsNames what the embedded DNS answers for it (Docker's DNSNames): name, aliases, short ID;
     *                 empty where names are not resolved (default bridge, host, none)
     * @param ipv6PrefixLength the IPv6 subnet's prefix length, 0 without IPv6
     * @param ipv6Gateway      {@code ""} without IPv6
     */
    public record AttachedEndpoint(String networkId, String networkName, Endpoint endpoint, int prefixLength,
                                   String gateway, List<String> dnsNames, int ipv6PrefixLength, String ipv6Gateway) {
        public AttachedEndpoint {
            dnsNames = List.copyOf(dnsNames);
        }

        public AttachedEndpoint(String networkId, String networkName, Endpoint endpoint, int prefixLength,
                                String gateway, List<String> dnsNames) {
            this(networkId, networkName, endpoint, prefixLength, gateway, dnsNames, 0, "");
        }
    }
}
