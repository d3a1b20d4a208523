package dev.barge.runtime.oci;

import java.nio.file.Path;

/**
 * What options may consult besides the spec itself.
 *
 * @param rootfs the container's root filesystem, already mounted (for /etc/passwd lookups)
 * @param host   facts about barged's own process
 */
public record SpecContext(Path rootfs, HostFacts host) {}
