package dev.barge.runtime;

/** What the runtime reports about a container's process. */
public record ProcessState(Status status, int pid) {
    public enum Status { CREATED, RUNNING, PAUSED, STOPPED, UNKNOWN }
}
