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
 * @param ipv6Pools IPv6 pools as given (with the gateway filled in for one barge chose); only
 *                  allocated with {@code enableIpv6}, else kept and shown as moby does
 * @param ipamOptions {@code IPAM.Options} as given (the default IPAM driver takes none of its own)
 */
public record Network(String id, String name, String driver, String created, boolean internal, boolean attachable,
                      Map<String, String> labels, Map<String, String> options, List<IpamConfig> ipam,
                      String bridge, int mtu, Map<String, Endpoint> endpoints, List<CreateRequest.PoolRequest> ipv6Pools,
                      boolean enableIpv6, Map<String, String> ipamOptions) {
    public static final String BRIDGE = "bridge", HOST = "host", NULL = "null";
    public static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

    public Network {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
        ipam = List.copyOf(ipam);
        endpoints = Map.copyOf(endpoints);
        ipv6Pools = ipv6Pools == null ? List.of() : List.copyOf(ipv6Pools);
        ipamOptions = ipamOptions == null ? Map.of() : Map.copyOf(ipamOptions);
    }

    public Network(String id, String name, String driver, String created, boolean internal, boolean attachable,
                   Map<String, String> labels, Map<String, String> options, List<IpamConfig> ipam, String bridge,
                   int mtu, Map<String, Endpoint> endpoints) {
        this(id, name, driver, created, internal, attachable, labels, options, ipam, bridge, mtu, endpoints, List.of(),
                false, Map.of());
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

    /** The IPv6 pool containers draw from: only on a network with IPv6 enabled. */
    public java.util.Optional<Ipv6Pool> ipv6() {
        if (!enableIpv6 || ipv6Pools.isEmpty()) {
            return java.util.Optional.empty();
        }
        CreateRequest.PoolRequest p = ipv6Pools.getFirst();
        Ipv6Prefix subnet = Ipv6Prefix.parse(p.subnet());
        return java.util.Optional.of(new Ipv6Pool(subnet,
                p.gateway().isEmpty() ? subnet.host(1) : Ipv6Prefix.address(p.gateway()),
                p.ipRange().isEmpty() ? subnet : Ipv6Prefix.parse(p.ipRange())));
    }

    /** An allocated IPv6 pool: addresses come from {@code range}, never the gateway nor the subnet's first address. */
    public record Ipv6Pool(Ipv6Prefix subnet, java.math.BigInteger gateway, Ipv6Prefix range) {
        public String gatewayText() {
            return Ipv6Prefix.format(gateway);
        }
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
                ipv6Pools, enableIpv6, ipamOptions);
    }
}
