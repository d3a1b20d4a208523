package dev.barge.network;

import java.util.List;
import java.util.Map;

/**
 * {@code docker network create}, in domain words.
 *
 * @param pools {@code --subnet}/{@code --ip-range}/{@code --gateway} (only the first IPv4 one is used: one
 *              IPv4 pool per network; IPv6 ones are kept as given, unallocated, as Docker does without
 *              {@code --ipv6})
 */
public record CreateRequest(String name, String driver, boolean internal, boolean attachable,
                            Map<String, String> labels, Map<String, String> options, List<PoolRequest> pools,
                            boolean enableIpv6, Map<String, String> ipamOptions) {
    public static final String OPTION_BRIDGE_NAME = "com.docker.network.bridge.name";
    public static final String OPTION_MTU = "com.docker.network.driver.mtu";

    public CreateRequest {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
        pools = List.copyOf(pools);
        ipamOptions = ipamOptions == null ? Map.of() : Map.copyOf(ipamOptions);
    }

    public CreateRequest(String name, String driver, boolean internal, boolean attachable, Map<String, String> labels,
                         Map<String, String> options, List<PoolRequest> pools, boolean enableIpv6) {
        this(name, driver, internal, attachable, labels, options, pools, enableIpv6, Map.of());
    }

    public CreateRequest(String name, String driver, boolean internal, boolean attachable, Map<String, String> labels,
                         Map<String, String> options, List<PoolRequest> pools) {
        this(name, driver, internal, attachable, labels, options, pools, false, Map.of());
    }

    /** {@code --ipv6}: containers get an IPv6 address too, from the first IPv6 pool (or one barge picks). */
    public CreateRequest withIpv6(boolean on) {
        return new CreateRequest(name, driver, internal, attachable, labels, options, pools, on, ipamOptions);
    }

    public static CreateRequest bridge(String name) {
        return new CreateRequest(name, Network.BRIDGE, false, false, Map.of(), Map.of(), List.of());
    }

    public CreateRequest withPool(PoolRequest pool) {
        return new CreateRequest(name, driver, internal, attachable, labels, options, List.of(pool), enableIpv6, ipamOptions);
    }

    public CreateRequest withOptions(Map<String, String> opts) {
        return new CreateRequest(name, driver, internal, attachable, labels, opts, pools, enableIpv6, ipamOptions);
    }

    /** {@code --ipam-opt}: kept and shown in the network's IPAM (the default driver has none of its own). */
    public CreateRequest withIpamOptions(Map<String, String> opts) {
        return new CreateRequest(name, driver, internal, attachable, labels, options, pools, enableIpv6, opts);
    }

    public CreateRequest withInternal(boolean on) {
        return new CreateRequest(name, driver, on, attachable, labels, options, pools, enableIpv6, ipamOptions);
    }

    /**
     * Strings are {@code ""} when not given.
     *
     * @param auxAddresses {@code --aux-address name=ip}
     */
    public record PoolRequest(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public PoolRequest {
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }

        public PoolRequest(String subnet, String ipRange, String gateway) {
            this(subnet, ipRange, gateway, Map.of());
        }

        /** An IPv6 pool ({@code --subnet} with a colon). */
        public boolean ipv6() {
            return subnet.contains(":");
        }
    }
}
