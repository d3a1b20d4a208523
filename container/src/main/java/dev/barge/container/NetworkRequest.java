package dev.barge.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container asked of its networks beyond {@link HostOptions#networkMode()}: Docker's
 * {@code NetworkingConfig.EndpointsConfig} (aliases and static address per network), legacy
 * {@code --link}s and {@code --mac-address}. Stored beside the container's record.
 *
 * @param endpoints one per network, the primary network's first when it has settings
 * @param links     {@code name[:alias]} as the CLI sends them
 * @param mac       {@code ""} for a generated one
 */
public record NetworkRequest(List<Endpoint> endpoints, List<String> links, String mac) {
    public NetworkRequest {
        endpoints = List.copyOf(endpoints);
        links = List.copyOf(links);
    }

    public static NetworkRequest none() {
        return new NetworkRequest(List.of(), List.of(), "");
    }

    /**
     * One network's settings, Docker's {@code EndpointSettings} as asked: strings are {@code ""}
     * when not given.
     *
     * @param aliases      {@code --network-alias}
     * @param ipv4         {@code --ip} ({@code ""} for a dynamic address)
     * @param ipv6         {@code --ip6}: kept and shown (IPv6 is not enabled on barge's networks)
     * @param linkLocalIps {@code --link-local-ip}
     * @param links        {@code name[:alias]}: on a user-defined network the embedded DNS answers the alias
     * @param mac          this endpoint's {@code --mac-address}
     * @param driverOpts   {@code --driver-opt}, kept and shown
     */
    public record Endpoint(String network, List<String> aliases, String ipv4, String ipv6, List<String> linkLocalIps,
                           List<String> links, String mac, java.util.Map<String, String> driverOpts) {
        public Endpoint {
            aliases = List.copyOf(aliases);
            ipv6 = ipv6 == null ? "" : ipv6;
            linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
            links = links == null ? List.of() : List.copyOf(links);
            mac = mac == null ? "" : mac;
            driverOpts = driverOpts == null ? java.util.Map.of() : java.util.Map.copyOf(driverOpts);
        }

        public Endpoint(String network, List<String> aliases, String ipv4) {
            this(network, aliases, ipv4, "", List.of(), List.of(), "", java.util.Map.of());
        }

        /** The same settings for {@code name} (the network's canonical name). */
        public Endpoint onNetwork(String name) {
            return new Endpoint(name, aliases, ipv4, ipv6, linkLocalIps, links, mac, driverOpts);
        }
    }

    public Optional<Endpoint> endpoint(String network) {
        return endpoints.stream().filter(e -> e.network().equals(network)).findFirst();
    }

    /** With {@code endpoint} added (or replacing the one for the same network). */
    public NetworkRequest with(Endpoint endpoint) {
        List<Endpoint> next = new java.util.ArrayList<>(endpoints.stream()
                .filter(e -> !e.network().equals(endpoint.network())).toList());
        next.add(endpoint);
        return new NetworkRequest(next, links, mac);
    }

    /** Without {@code network}'s settings; {@code bridge} also drops those the CLI sent as {@code default}. */
    public NetworkRequest without(String network) {
        return new NetworkRequest(endpoints.stream().filter(e -> !e.network().equals(network)
                && !(network.equals("bridge") && e.network().equals("default"))).toList(), links, mac);
    }
}
