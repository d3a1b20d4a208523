package dev.barge.network.dns;

import dev.barge.network.Ipv4;
import java.util.List;

/** What one container may resolve: names on its user-defined networks, and whether to forward the rest. */
public interface Names {
    /** The addresses {@code name} has for {@code containerId}; empty when it is not a container of its networks. */
    List<Ipv4> resolve(String containerId, String name);

    /** The IPv6 addresses (16 bytes each) {@code name} has for {@code containerId}: those on networks with IPv6. */
    default List<byte[]> resolve6(String containerId, String name) {
        return List.of();
    }

    /** Reverse lookup: {@code name.network} of the container holding {@code address} on one of {@code containerId}'s networks. */
    java.util.Optional<String> reverse(String containerId, Ipv4 address);

    /** False on internal networks: no way out, so no forwarding either. */
    boolean mayForward(String containerId);
}
