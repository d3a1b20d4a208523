package dev.barge.container;

/** What {@code wait} returns: the exit code and, if the container failed to run, why. */
public record WaitResult(int statusCode, String error) {}
