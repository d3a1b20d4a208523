package dev.barge.container;

import java.util.List;
import java.util.Map;

/**
 * A container's run configuration once the request is merged with the image's defaults: what
 * {@code docker inspect} shows as {@code Config}. Stored with the container.
 *
 * @param image       the image as the user named it ({@code busybox}) or its ID
 * @param stopTimeout seconds to wait after the stop signal; negative when not set (default 10)
 */
public record ContainerConfig(String hostname, String domainname, String user, boolean attachStdin,
                              boolean attachStdout, boolean attachStderr, boolean tty, boolean openStdin,
                              boolean stdinOnce, List<String> env, List<String> cmd, List<String> entrypoint,
                              String image, String workingDir, Map<String, String> labels, String stopSignal,
                              int stopTimeout, List<String> exposedPorts, List<String> volumes,
                              ImageConfig.Healthcheck healthcheck) {
    public ContainerConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
    }

    public ContainerConfig withHostname(String newHostname) {
        return new ContainerConfig(newHostname, domainname, user, attachStdin, attachStdout, attachStderr, tty,
                openStdin, stdinOnce, env, cmd, entrypoint, image, workingDir, labels, stopSignal, stopTimeout,
                exposedPorts, volumes, healthcheck);
    }
}
