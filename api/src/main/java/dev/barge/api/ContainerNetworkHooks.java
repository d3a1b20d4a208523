package dev.barge.api;

import dev.barge.container.NetworkRequest;

/**
 * What the network routes need from the container service, wired by the daemon: connect and
 * disconnect act on containers (a running one gains or loses an interface, a stopped one has its
 * configuration changed), which only the container service may change.
 */
public interface ContainerNetworkHooks {
    /**
     * {@code docker network connect}: {@code container} is a name or ID (throw NOT_FOUND
     * "No such container: x"); {@code endpoint} names the network by its ID.
     */
    void connect(String container, NetworkRequest.Endpoint endpoint);

    /** {@code docker network disconnect}; {@code force} also removes the endpoint of a container that is gone. */
    void disconnect(String container, String network, boolean force);
}
