package dev.barge.container;

import java.util.List;

/** A container with what inspect shows beside its record: file paths and exec IDs. */
public record ContainerDetails(Container container, String hostsPath, String hostnamePath, String resolvConfPath,
                               String logPath, List<String> execIds) {
    public ContainerDetails {
        execIds = List.copyOf(execIds);
    }
}
