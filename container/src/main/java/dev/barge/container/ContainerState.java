package dev.barge.container;

/**
 * What {@code State} in {@code docker inspect} shows. Times are nanoseconds since the epoch, 0
 * for Go's zero time. Immutable: each transition returns a new state.
 *
 * @param manuallyStopped a user stopped it: restart policies and daemon start-up leave it down
 */
public record ContainerState(Status status, int pid, int exitCode, String error, long startedAtNanos,
                             long finishedAtNanos, boolean oomKilled, int restartCount, boolean manuallyStopped) {

    public static ContainerState created() {
        return new ContainerState(Status.CREATED, 0, 0, "", 0, 0, false, 0, false);
    }

    public ContainerState running(int newPid, long nowNanos) {
        return new ContainerState(Status.RUNNING, newPid, 0, "", nowNanos, finishedAtNanos, false, restartCount,
                false);
    }

    public ContainerState exited(int code, long nowNanos) {
        return new ContainerState(Status.EXITED, 0, code, error, startedAtNanos, nowNanos, oomKilled, restartCount,
                manuallyStopped);
    }

    /** A start that failed: Docker leaves the status as it was and records exit code and error. */
    public ContainerState failedStart(int code, String message, long nowNanos) {
        Status keep = status == Status.RESTARTING ? Status.EXITED : status;
        return new ContainerState(keep, 0, code, message, startedAtNanos, nowNanos, false, restartCount,
                manuallyStopped);
    }

    public ContainerState withStatus(Status newStatus) {
        return new ContainerState(newStatus, pid, exitCode, error, startedAtNanos, finishedAtNanos, oomKilled,
                restartCount, manuallyStopped);
    }

    public ContainerState restarting() {
        return new ContainerState(Status.RESTARTING, 0, exitCode, error, startedAtNanos, finishedAtNanos, oomKilled,
                restartCount + 1, manuallyStopped);
    }

    public ContainerState stoppedByUser() {
        return new ContainerState(status, pid, exitCode, error, startedAtNanos, finishedAtNanos, oomKilled,
                restartCount, true);
    }

    public boolean running() {
        return status == Status.RUNNING || status == Status.PAUSED;
    }
}
