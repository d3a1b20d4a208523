package dev.barge.container;

import java.util.List;

/**
 * One container as stored: identity, merged configuration and state. Immutable; the service
 * replaces it on every change and saves it.
 *
 * @param name      with its leading slash, as Docker stores it ({@code /web})
 * @param imageId   {@code sha256:...}
 * @param path      the executable ({@code Path} in inspect)
 * @param args      its arguments
 */
public record Container(String id, String name, long createdNanos, String imageId, String path, List<String> args,
                        ContainerConfig config, HostOptions host, ContainerState state) {
    public Container {
        args = List.copyOf(args);
    }

    public Container withState(ContainerState newState) {
        return new Container(id, name, createdNanos, imageId, path, args, config, host, newState);
    }

    public Container withName(String newName) {
        return new Container(id, newName, createdNanos, imageId, path, args, config, host, state);
    }

    public Container withHost(HostOptions newHost) {
        return new Container(id, name, createdNanos, imageId, path, args, config, newHost, state);
    }

    /** The name without its slash. */
    public String shortName() {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
