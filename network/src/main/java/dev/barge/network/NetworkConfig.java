package dev.barge.network;

import java.util.List;
import java.util.Optional;

/**
 * The daemon's networking settings (daemon.json keys in brackets).
 *
 * @param bridgeName    the default network's bridge ({@code bridge}), {@code barge0}
 * @param bip           the default bridge's gateway and subnet ({@code bip}, e.g. {@code 172.30.0.1/16}), or {@code ""} to choose
 * @param pools         {@code default-address-pools}: where subnets of new networks come from
 * @param avoid         subnets never chosen automatically (Docker's own 172.17.0.0/16, so both engines can share a host)
 * @param iptables      {@code iptables}: program NAT and filter rules
 * @param userlandProxy {@code userland-proxy}: hold published ports with an in-process proxy (also serves loopback)
 * @param chainPrefix   names barge's iptables chains: {@code BARGE} with the default bridge, else one derived
 *                      from the bridge name, so two daemons with different bridges never touch each other's rules
 */
public record NetworkConfig(String bridgeName, String bip, List<AddressPool> pools, List<Subnet> avoid,
                            boolean iptables, boolean userlandProxy, String chainPrefix) {
    public NetworkConfig {
        pools = List.copyOf(pools);
        avoid = List.copyOf(avoid);
    }

    public NetworkConfig(String bridgeName, String bip, List<AddressPool> pools, List<Subnet> avoid, boolean iptables,
                         boolean userlandProxy) {
        this(bridgeName, bip, pools, avoid, iptables, userlandProxy, chainPrefixFor(bridgeName));
    }

    /**
     * {@code BARGE} for {@code barge0}; otherwise {@code BG} and 8 hex digits of the bridge name's
     * hash (iptables chain names hold 28 characters, and {@code -ISOLATION-STAGE-1} takes 18).
     */
    public static String chainPrefixFor(String bridgeName) {
        if (bridgeName.equals("barge0")) {
            return "BARGE";
        }
        return "BG" + "%08X".formatted(bridgeName.hashCode());
    }

    /** Docker's defaults minus 172.17.0.0/16: 172.18-31.0.0/16, then 192.168.x.0/20, then 10.x.0.0/16. */
    public static NetworkConfig defaults() {
        return new NetworkConfig("barge0", "", List.of(
                new AddressPool(Subnet.parse("172.16.0.0/12"), 16),
                new AddressPool(Subnet.parse("192.168.0.0/16"), 20),
                new AddressPool(Subnet.parse("10.0.0.0/8"), 16)),
                List.of(Subnet.parse("172.16.0.0/16"), Subnet.parse("172.17.0.0/16")), true, true);
    }

    /**
     * From daemon.json / dockerd flags: {@code bridge} (empty for the default name), {@code bip},
     * {@code default-address-pools} (empty for the defaults), {@code iptables}, {@code userland-proxy}.
     */
    public static NetworkConfig of(String bridge, String bip, List<AddressPool> pools, boolean iptables,
                                   boolean userlandProxy) {
        NetworkConfig d = defaults();
        return new NetworkConfig(bridge.isBlank() ? d.bridgeName() : bridge, bip, pools.isEmpty() ? d.pools() : pools,
                d.avoid(), iptables, userlandProxy);
    }

    public Optional<String> bipGiven() {
        return bip.isBlank() ? Optional.empty() : Optional.of(bip);
    }

    public NetworkConfig withBridge(String name, String newBip) {
        return new NetworkConfig(name, newBip, pools, avoid, iptables, userlandProxy, chainPrefixFor(name));
    }

    public NetworkConfig withIptables(boolean on) {
        return new NetworkConfig(bridgeName, bip, pools, avoid, on, userlandProxy, chainPrefix);
    }
}
