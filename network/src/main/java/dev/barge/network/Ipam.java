package dev.barge.network;

import dev.barge.core.BargeException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Address management, pure: which address a new endpoint gets, which subnet a new network gets.
 * State lives in the {@link Network} values (their endpoints), so persisting the network
 * persists the allocations.
 */
public final class Ipam {
    private Ipam() {}

    /**
     * The address for a new endpoint: {@code requested} if given and free, else the lowest free
     * address of the pool's range, skipping network, broadcast and gateway addresses.
     */
    public static Ipv4 allocate(Network network, Optional<Ipv4> requested) {
        IpamConfig pool = network.pool();
        Set<Ipv4> used = used(network);
        if (requested.isPresent()) {
            Ipv4 ip = requested.get();
            checkRequested(network, ip);
            if (used.contains(ip) || reserved(pool.subnet(), ip)) {
                throw BargeException.conflict("Address already in use");
            }
            return ip;
        }
        return allocateFree(network, pool, used);
    }

    /** A static address must lie in a subnet the user configured: Docker's create-time checks and words. */
    public static void checkRequested(Network network, Ipv4 ip) {
        IpamConfig pool = network.pool();
        if (!pool.userSubnet()) {
            throw BargeException.invalid("invalid config for network %s: invalid endpoint settings:\n"
                    + "user specified IP address is supported only when connecting to networks with user configured subnets",
                    network.name());
        }
        if (!pool.subnet().contains(ip)) {
            throw BargeException.invalid("invalid config for network %s: invalid endpoint settings:\n"
                    + "no configured subnet or ip-range contain the IP address %s", network.name(), ip);
        }
    }

    private static Ipv4 allocateFree(Network network, IpamConfig pool, Set<Ipv4> used) {
        Subnet range = pool.ipRange();
        for (long i = 0; i < range.size(); i++) {
            Ipv4 candidate = range.base().plus(i);
            if (!reserved(pool.subnet(), candidate) && !used.contains(candidate)) {
                return candidate;
            }
        }
        throw BargeExceptions.internal("no available IPv4 addresses on this network's address pools: %s (%s)",
                network.name(), network.id());
    }

    private static boolean reserved(Subnet subnet, Ipv4 ip) {
        return subnet.prefix() < 31 && (ip.equals(subnet.base()) || ip.equals(subnet.last()));
    }

    private static Set<Ipv4> used(Network network) {
        Set<Ipv4> used = new HashSet<>();
        used.add(network.pool().gateway());
        // moby reserves the auxiliary addresses that lie in the range containers draw from
        network.pool().auxAddresses().values().stream().filter(network.pool().ipRange()::contains).forEach(used::add);
        for (Endpoint e : network.endpoints().values()) {
            if (e.hasAddress()) {
                used.add(Ipv4.parse(e.address()));
            }
        }
        return used;
    }

    /**
     * The IPv6 address for a new endpoint on a network with IPv6 enabled: {@code requested} if
     * given and free, else the lowest free one of the pool's range (never the subnet's first
     * address, the subnet-router anycast, nor the gateway).
     */
    public static java.math.BigInteger allocate6(Network network, Optional<String> requested) {
        Network.Ipv6Pool pool = network.ipv6().orElseThrow();
        Set<java.math.BigInteger> used = new HashSet<>();
        used.add(pool.gateway());
        used.add(pool.subnet().base());
        for (Endpoint e : network.endpoints().values()) {
            if (!e.ipv6Address().isEmpty()) {
                used.add(Ipv6Prefix.address(e.ipv6Address()));
            }
        }
        if (requested.isPresent()) {
            java.math.BigInteger ip = Ipv6Prefix.address(requested.get());
            if (!pool.subnet().contains(ip)) {
                throw BargeException.invalid("invalid config for network %s: invalid endpoint settings:\n"
                        + "no configured subnet or ip-range contain the IP address %s", network.name(), requested.get());
            }
            if (used.contains(ip)) {
                throw BargeException.conflict("Address already in use");
            }
            return ip;
        }
        long limit = Math.min(pool.range().size(), 1L << 20);
        for (long i = 0; i < limit; i++) {
            java.math.BigInteger candidate = pool.range().host(i);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw BargeExceptions.internal("no available IPv6 addresses on this network's address pools: %s (%s)",
                network.name(), network.id());
    }

    /** Fails with Docker's words when {@code wanted} overlaps a subnet in use. */
    public static void checkFree(Subnet wanted, List<Subnet> taken) {
        for (Subnet s : taken) {
            if (s.overlaps(wanted)) {
                throw BargeExceptions.forbidden("invalid pool request: Pool overlaps with other one on this address space");
            }
        }
    }

    /** The first subnet carved from the pools that overlaps nothing taken (other networks, host routes). */
    public static Subnet chooseSubnet(List<AddressPool> pools, List<Subnet> taken) {
        for (AddressPool pool : pools) {
            long count = 1L << (pool.size() - pool.base().prefix());
            long step = 1L << (32 - pool.size());
            for (long i = 0; i < count; i++) {
                Subnet candidate = new Subnet(pool.base().base().plus(i * step), pool.size());
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return candidate;
                }
            }
        }
        throw BargeException.invalid("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }
}
