package dev.barge.container;

import java.util.Optional;

/** {@code docker update}: what to change; empty leaves it as it is. */
public record UpdateRequest(Optional<RestartPolicy> restartPolicy, Optional<HostOptions.Resources> resources) {}
