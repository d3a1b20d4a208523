/**
 * {@link dev.barge.runtime.RuntimeDriver} with runc/crun under conmon 2.1. conmon runs each
 * container (and each exec) detached from barged, owns its stdio (attach socket, k8s-file log,
 * ctl FIFO for resizes) and writes its exit code to a file; so everything the driver knows is
 * on disk ({@link dev.barge.runtime.conmon.ExecRoot}) and survives a barged restart.
 */
package dev.barge.runtime.conmon;
