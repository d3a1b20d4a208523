package dev.barge.container;

/**
 * One line of a container's output.
 *
 * @param stream    1 stdout, 2 stderr
 * @param timeNanos when the runtime read it
 * @param data      the bytes, with the trailing newline when the line had one
 */
public record LogEntry(int stream, long timeNanos, byte[] data) {}
