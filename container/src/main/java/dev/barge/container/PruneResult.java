package dev.barge.container;

import java.util.List;

/** What {@code container prune} removed and how many bytes that freed. */
public record PruneResult(List<String> deleted, long spaceReclaimed) {}
