package dev.barge.network;

import dev.barge.core.BargeException;

/**
 * One address pool of a network: addresses are given out from {@code ipRange} (the whole
 * subnet unless {@code --ip-range} narrowed it), never the gateway, the network or broadcast address.
 */
public record IpamConfig(Subnet subnet, Ipv4 gateway, Subnet ipRange, boolean userSubnet) {
    public IpamConfig {
        if (!subnet.contains(gateway)) {
            throw BargeException.invalid("invalid network config:\ninvalid gateway %s: parent subnet %s doesn't contain this address",
                    gateway, subnet);
        }
        if (!subnet.contains(ipRange)) {
            throw BargeException.invalid("invalid network config:\ninvalid ip-range %s: parent subnet %s doesn't contain ip-range",
                    ipRange, subnet);
        }
    }

    /** A subnet barge chose: static addresses are refused on it, as in Docker. */
    public static IpamConfig of(Subnet subnet) {
        return new IpamConfig(subnet, subnet.firstHost(), subnet, false);
    }

    /** True when {@code --ip-range} was given (Docker shows IPRange only then). */
    public boolean rangeGiven() {
        return !ipRange.equals(subnet);
    }
}
