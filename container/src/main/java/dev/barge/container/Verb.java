package dev.barge.container;

import dev.barge.core.BargeException;

/**
 * The lifecycle verbs and, in {@link #check}, the one table of which state allows which verb.
 * An illegal verb is a CONFLICT in Docker's words, or NOT_MODIFIED where Docker answers 304.
 */
public enum Verb {
    START, STOP, KILL, RESTART, PAUSE, UNPAUSE, REMOVE, FORCE_REMOVE, EXEC, ATTACH, RENAME, UPDATE, RESIZE;

    /**
     * Throws when {@code status} does not allow this verb.
     *
     * @param ref the container's ID (Docker's messages name it)
     * @param name the container's name with its leading slash
     */
    public void check(Status status, String ref, String name) {
        switch (this) {
            case START -> {
                if (status == Status.PAUSED) {
                    throw BargeException.conflict("cannot start a paused container, try unpause instead");
                }
                if (status == Status.RUNNING || status == Status.RESTARTING) {
                    throw BargeException.notModified("container %s is already started", ref);
                }
                denyWhenGone(status, ref);
            }
            case STOP -> {
                if (status == Status.PAUSED) {
                    throw pausedConflict(ref);
                }
                if (!status.hasProcess() && status != Status.RESTARTING) {
                    throw BargeException.notModified("container %s is already stopped", ref);
                }
            }
            case KILL -> {
                if (status == Status.PAUSED) {
                    throw pausedConflict(ref);
                }
                requireRunning(status, ref);
            }
            case PAUSE -> {
                requireRunning(status, ref);
                if (status == Status.PAUSED) {
                    throw BargeException.conflict("Container %s is already paused", ref);
                }
                if (status == Status.RESTARTING) {
                    throw BargeException.conflict("Container %s is restarting, wait until the container is running", ref);
                }
            }
            case UNPAUSE -> {
                if (status != Status.PAUSED) {
                    throw BargeException.conflict("Container %s is not paused", ref);
                }
            }
            case REMOVE -> {
                if (status == Status.PAUSED) {
                    throw BargeException.conflict("cannot remove container \"%s\": container is paused and must be "
                            + "unpaused first", name);
                }
                if (status.hasProcess() || status == Status.RESTARTING) {
                    throw BargeException.conflict("cannot remove container \"%s\": container is %s: stop the "
                            + "container before removing or force remove", name, status.word());
                }
                denyWhenGone(status, ref);
            }
            case FORCE_REMOVE, RESTART, RENAME, UPDATE -> denyWhenGone(status, ref);
            case EXEC -> {
                if (status == Status.PAUSED) {
                    throw BargeException.conflict("Container %s is paused, unpause the container before exec", ref);
                }
                if (status == Status.RESTARTING) {
                    throw BargeException.conflict("Container %s is restarting, wait until the container is running", ref);
                }
                requireRunning(status, ref);
            }
            case ATTACH -> {
                if (status == Status.PAUSED) {
                    throw BargeException.conflict("container %s is paused, unpause the container before attach", ref);
                }
                if (status == Status.RESTARTING) {
                    throw BargeException.conflict("container %s is restarting, wait until the container is running", ref);
                }
                denyWhenGone(status, ref);
            }
            case RESIZE -> requireRunning(status, ref);
        }
    }

    private static void requireRunning(Status status, String ref) {
        if (!status.hasProcess() && status != Status.RESTARTING) {
            throw BargeException.conflict("Container %s is not running", ref);
        }
    }

    private static void denyWhenGone(Status status, String ref) {
        if (status == Status.REMOVING) {
            throw BargeException.conflict("removal of container %s is already in progress", ref);
        }
        if (status == Status.DEAD) {
            throw BargeException.conflict("container %s is marked for removal and cannot be started", ref);
        }
    }

    private static BargeException pausedConflict(String ref) {
        return BargeException.conflict("Container %s is paused, unpause the container before stopping or killing", ref);
    }
}
