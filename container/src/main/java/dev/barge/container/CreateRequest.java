package dev.barge.container;

import java.util.List;
import java.util.Optional;

/**
 * {@code docker create} as the API edge translates it. {@code config}'s {@code entrypoint} is
 * ignored: {@code entrypoint} says whether one was given at all (given-but-empty differs from
 * absent in Docker's merge rules).
 *
 * @param name       the requested name, empty for a generated one
 * @param entrypoint the entrypoint when the request carried one ({@code [""]} clears the image's)
 * @param networking endpoint settings, links and MAC address
 */
public record CreateRequest(String name, ContainerConfig config, Optional<List<String>> entrypoint,
                            HostOptions host, NetworkRequest networking) {
    public CreateRequest(String name, ContainerConfig config, Optional<List<String>> entrypoint, HostOptions host) {
        this(name, config, entrypoint, host, NetworkRequest.none());
    }
}
