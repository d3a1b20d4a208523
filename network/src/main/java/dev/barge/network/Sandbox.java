package dev.barge.network;

import java.util.List;

/**
 * A container's network side, persisted under {@code <exec-root>/sandboxes/<id>.json} so a
 * restarted daemon can rebuild rules, proxies and DNS of containers that kept running.
 *
 * @param mode     as given at attach: a network name, {@code host}, {@code none}, {@code container:<id>}
 * @param netns    the namespace path, {@code ""} for the host's
 * @param networks IDs of the networks the container is on, in the order joined
 */
public record Sandbox(String containerId, String containerName, String mode, String netns, AttachOptions options,
                      List<PublishedPort> ports, List<String> networks) {
    public Sandbox {
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
    }

    public boolean ownNamespace() {
        return !netns.isEmpty() && !mode.startsWith("container:");
    }

    Sandbox withNetworks(List<String> ids) {
        return new Sandbox(containerId, containerName, mode, netns, options, ports, ids);
    }

    Sandbox withPorts(List<PublishedPort> published) {
        return new Sandbox(containerId, containerName, mode, netns, options, published, networks);
    }
}
