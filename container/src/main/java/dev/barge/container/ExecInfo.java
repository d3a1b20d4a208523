package dev.barge.container;

/**
 * An exec instance as inspect shows it.
 *
 * @param exited   true once the process ended (or failed to start): {@code exitCode} is then valid
 * @param pid      0 until started
 */
public record ExecInfo(String id, String containerId, ExecRequest request, boolean running, boolean exited,
                       int exitCode, int pid) {}
