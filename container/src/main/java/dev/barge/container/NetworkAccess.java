package dev.barge.container;

import dev.barge.runtime.RunSpec;

/**
 * What the container service needs from networking; the composition root adapts the network
 * service to it, so this module never sees bridges or endpoints.
 */
public interface NetworkAccess {
    /**
     * Connects a starting container to its networks. {@code mode} is the network mode with a
     * {@code container:} target already resolved to its full ID. Throws Docker's errors (port in
     * use, address taken...) and leaves nothing behind when it does.
     */
    Joined attach(Container container, String mode, NetworkRequest request);

    /** Releases everything of a container that stopped: interfaces, addresses, ports, rules. Idempotent. */
    void detach(String containerId);

    /** {@code docker network connect} of a running container. */
    Joined connect(String containerId, NetworkRequest.Endpoint endpoint);

    /** {@code docker network disconnect} of a running container. */
    Joined disconnect(String containerId, String network, boolean force);

    /**
     * Create-time checks of the container's network settings, with Docker's words: networks exist,
     * static addresses lie in their subnets, published ports parse. Nothing is allocated.
     */
    default void check(Container container, NetworkRequest request) {}

    /** The running container's address on the default bridge ({@code --link}'s variables), {@code ""} for none. */
    default String bridgeAddress(String containerId) {
        return "";
    }

    /** The network's canonical name; throws NOT_FOUND "network x not found" when there is none. */
    String networkName(String network);

    /**
     * Where the runtime puts the container, and its {@code /etc/hosts} and {@code /etc/resolv.conf}
     * ({@code ""}: keep the files written at create).
     */
    record Joined(RunSpec.NetworkNamespace namespace, String hostsFile, String resolvConf) {}

    /** No network service: loopback only, or the host's or another container's namespace. */
    static NetworkAccess loopbackOnly() {
        return new NetworkAccess() {
            @Override
            public Joined attach(Container container, String mode, NetworkRequest request) {
                RunSpec.NetworkNamespace ns = mode.equals("host") ? new RunSpec.NetworkNamespace.Host()
                        : new RunSpec.NetworkNamespace.Fresh();
                return new Joined(ns, "", "");
            }

            @Override
            public void detach(String containerId) {}

            @Override
            public Joined connect(String containerId, NetworkRequest.Endpoint endpoint) {
                throw dev.barge.core.BargeException.notImplemented("networking is not enabled");
            }

            @Override
            public Joined disconnect(String containerId, String network, boolean force) {
                throw dev.barge.core.BargeException.notImplemented("networking is not enabled");
            }

            @Override
            public String networkName(String network) {
                throw dev.barge.core.BargeException.notFound("network %s not found", network);
            }
        };
    }
}
