package dev.barge.container;

import dev.barge.core.BargeException;

/** {@code POST /containers/{id}/wait?condition=}. */
public enum WaitCondition {
    /** Returns at once if the container is not running, else at its exit (the default). */
    NOT_RUNNING,
    /** Returns at the next exit, even if the container is not running now. */
    NEXT_EXIT,
    /** Returns once the container is removed. */
    REMOVED;

    /** From the query value; empty is {@link #NOT_RUNNING}. */
    public static WaitCondition parse(String text) {
        return switch (text) {
            case "", "not-running" -> NOT_RUNNING;
            case "next-exit" -> NEXT_EXIT;
            case "removed" -> REMOVED;
            default -> throw BargeException.invalid("invalid condition: \"%s\"", text);
        };
    }
}
