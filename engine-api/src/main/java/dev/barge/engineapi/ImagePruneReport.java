package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /images/prune}: {@code ImagesDeleted} is null when nothing was deleted, as in Docker. */
public record ImagePruneReport(
        @JsonProperty("ImagesDeleted") List<ImageDeleteItem> imagesDeleted,
        @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}
