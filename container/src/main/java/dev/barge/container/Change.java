package dev.barge.container;

/** One entry of {@code docker diff}. */
public record Change(String path, Kind kind) {
    /** Docker's numbering: 0 modified, 1 added, 2 deleted. */
    public enum Kind { MODIFIED, ADDED, DELETED }
}
