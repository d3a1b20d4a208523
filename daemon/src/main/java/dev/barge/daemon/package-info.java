/**
 * barged: {@link dev.barge.daemon.Main} reads dockerd-named flags and daemon.json into a
 * {@link dev.barge.daemon.DaemonConfig}; {@link dev.barge.daemon.Daemon} is the composition root
 * (data-root lock, pidfile, event bus, services, routes, listeners) and cleans up on SIGTERM.
 */
package dev.barge.daemon;
