package dev.barge.network;

import dev.barge.core.BargeException;
import java.util.Map;

/**
 * One address pool of a network: addresses are given out from {@code ipRange} (the whole
 * subnet unless {@code --ip-range} narrowed it), never the gateway, the network or broadcast address,
 * nor an auxiliary address (Docker's {@code --aux-address}: kept for hosts outside barge).
 *
 * @param auxAddresses name to address, as given
 */
public record IpamConfig(Subnet subnet, Ipv4 gateway, Subnet ipRange, boolean userSubnet,
                         Map<String, Ipv4> auxAddresses) {
    public IpamConfig {
        auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        if (!subnet.contains(gateway)) {
            throw BargeException.invalid("invalid network config:\ninvalid gateway %s: parent subnet %s doesn't contain this address",
                    gateway, subnet);
        }
        if (!subnet.contains(ipRange)) {
            throw BargeException.invalid("invalid network config:\ninvalid ip-range %s: parent subnet %s doesn't contain ip-range",
                    ipRange, subnet);
        }
        for (Map.Entry<String, Ipv4> aux : auxAddresses.entrySet()) {
            if (!subnet.contains(aux.getValue())) {
                throw BargeException.invalid("invalid network config:\ninvalid auxiliary address %s: parent subnet %s doesn't contain this address",
                        aux.getKey(), subnet);
            }
        }
    }

    public IpamConfig(Subnet subnet, Ipv4 gateway, Subnet ipRange, boolean userSubnet) {
        this(subnet, gateway, ipRange, userSubnet, Map.of());
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
