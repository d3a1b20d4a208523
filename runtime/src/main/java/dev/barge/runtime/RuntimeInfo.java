package dev.barge.runtime;

import java.nio.file.Path;

/**
 * An OCI runtime found on this machine and whether it works here.
 *
 * @param name      {@code runc}, {@code crun}
 * @param path      the binary
 * @param available it ran a probe container
 * @param reason    why not, in the runtime's words; empty when available
 */
public record RuntimeInfo(String name, Path path, boolean available, String reason) {}
