package dev.barge.image;

import java.util.List;

/** What an image prune removed and the bytes of layers it freed. */
public record PruneResult(List<DeleteResult> deleted, long spaceReclaimed) {
    public PruneResult {
        deleted = List.copyOf(deleted);
    }
}
