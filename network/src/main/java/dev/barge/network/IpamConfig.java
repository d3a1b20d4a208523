package dev.barge.network;

/**
 * One address pool of a network: addresses are given out from {@code ipRange} (the whole
 * subnet unless {@code --ip-range} narrowed it), never the gateway, the network or broadcast address.
 */
public record IpamConfig(Subnet subnet, Ipv4 gateway, Subnet ipRange) {
    public IpamConfig {
        if (!subnet.contains(gateway)) {
            throw BargeExceptions.forbidden("no matching subnet for gateway %s", gateway);
        }
        if (!subnet.contains(ipRange)) {
            throw BargeExceptions.forbidden("no matching subnet for range %s", ipRange);
        }
    }

    public static IpamConfig of(Subnet subnet) {
        return new IpamConfig(subnet, subnet.firstHost(), subnet);
    }

    /** True when {@code --ip-range} was given (Docker shows IPRange only then). */
    public boolean rangeGiven() {
        return !ipRange.equals(subnet);
    }
}
