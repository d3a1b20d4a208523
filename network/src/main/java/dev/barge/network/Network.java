package dev.barge.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network as persisted and inspected. Immutable: every change makes a new value that the
 * {@link NetworkStore} writes atomically.
 *
 * @param created   RFC 3339 with nanoseconds, as Docker prints it
 * @param driver    {@code bridge}, {@code host} or {@code null}
 * @param bridge    the Linux bridge's name for the bridge driver, else {@code ""}
 * @param endpoints container ID to endpoint
 * @param ipv6Pools IPv6 pools as the user gave them: kept and shown, never allocated (IPv6 is not enabled)
 */
public record Network(String id, String name, String driver, String created, boolean internal, boolean attachable,
                      Map<String, String> labels, Map<String, String> options, List<IpamConfig> ipam,
                      String bridge, int mtu, Map<String, Endpoint> endpoints, List<CreateRequest.PoolRequest> ipv6Pools) {
    public static final String BRIDGE = "bridge", HOST = "host", NULL = "null";
    public static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

    public Network {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
        ipam = List.copyOf(ipam);
        endpoints = Map.copyOf(endpoints);
        ipv6Pools = ipv6Pools == null ? List.of() : List.copyOf(ipv6Pools);
    }

    public Network(String id, String name, String driver, String created, boolean internal, boolean attachable,
                   Map<String, String> labels, Map<String, String> options, List<IpamConfig> ipam, String bridge,
                   int mtu, Map<String, Endpoint> endpoints) {
        this(id, name, driver, created, internal, attachable, labels, options, ipam, bridge, mtu, endpoints, List.of());
    }

    /** {@code bridge}, {@code host} and {@code none}: cannot be removed, and only {@code bridge} takes containers by address. */
    public boolean predefined() {
        return PREDEFINED.contains(name);
    }

    /** Containers find each other by name here: every bridge network but the default one. */
    public boolean userDefined() {
        return driver.equals(BRIDGE) && !name.equals("bridge");
    }

    public boolean bridgeDriver() {
        return driver.equals(BRIDGE);
    }

    public IpamConfig pool() {
        return ipam.getFirst();
    }

    public Network withEndpoint(Endpoint endpoint) {
        Map<String, Endpoint> next = new LinkedHashMap<>(endpoints);
        next.put(endpoint.containerId(), endpoint);
        return withEndpoints(next);
    }

    public Network withoutEndpoint(String containerId) {
        Map<String, Endpoint> next = new LinkedHashMap<>(endpoints);
        next.remove(containerId);
        return withEndpoints(next);
    }

    private Network withEndpoints(Map<String, Endpoint> next) {
        return new Network(id, name, driver, created, internal, attachable, labels, options, ipam, bridge, mtu, next,
                ipv6Pools);
    }
}
