package dev.barge.network;

import java.util.List;

/**
 * One endpoint as a container asks for it: Docker's {@code EndpointSettings} in domain words.
 * Strings are {@code ""} when not given.
 *
 * @param aliases      {@code --network-alias}: more names the embedded DNS answers
 * @param ipv4         {@code --ip}: a static address
 * @param mac          {@code --mac-address} of this endpoint ({@code ""}: derived from the address)
 * @param links        {@code --link name:alias} on a user-defined network: the alias resolves, for this
 *                     container only, to the linked container's address on the network
 * @param linkLocalIps {@code --link-local-ip}: extra addresses on the interface
 * @param ipv6         {@code --ip6}: a static IPv6 address (used where IPv6 is enabled)
 */
public record EndpointRequest(List<String> aliases, String ipv4, String mac, List<AttachOptions.Link> links,
                              List<String> linkLocalIps, String ipv6) {
    public EndpointRequest {
        aliases = List.copyOf(aliases);
        links = List.copyOf(links);
        linkLocalIps = List.copyOf(linkLocalIps);
        ipv6 = ipv6 == null ? "" : ipv6;
    }

    public EndpointRequest(List<String> aliases, String ipv4, String mac, List<AttachOptions.Link> links,
                           List<String> linkLocalIps) {
        this(aliases, ipv4, mac, links, linkLocalIps, "");
    }

    public static EndpointRequest of(List<String> aliases, String ipv4) {
        return new EndpointRequest(aliases, ipv4, "", List.of(), List.of());
    }
}
