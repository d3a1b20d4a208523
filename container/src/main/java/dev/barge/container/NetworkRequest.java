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
     * One network's settings: {@code --network-alias}, {@code --ip} ({@code ""} for a dynamic address)
     * and the endpoint's driver options ({@code DriverOpts}, kept and shown as given).
     */
    public record Endpoint(String network, List<String> aliases, String ipv4, Map<String, String> driverOpts) {
        public Endpoint {
            aliases = List.copyOf(aliases);
            driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
        }

        public Endpoint(String network, List<String> aliases, String ipv4) {
            this(network, aliases, ipv4, Map.of());
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

    public NetworkRequest without(String network) {
        return new NetworkRequest(endpoints.stream().filter(e -> !e.network().equals(network)).toList(), links, mac);
    }
}
