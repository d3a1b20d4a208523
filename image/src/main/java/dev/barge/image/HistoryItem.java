package dev.barge.image;

import java.time.Instant;
import java.util.List;

/**
 * One line of {@code docker history}: newest first; only the newest line carries the image ID
 * and tags, the others say {@code <missing>} as Docker does for layers it did not build.
 */
public record HistoryItem(String id, Instant created, String createdBy, List<String> tags, long size, String comment) {
    public HistoryItem {
        tags = List.copyOf(tags);
    }
}
