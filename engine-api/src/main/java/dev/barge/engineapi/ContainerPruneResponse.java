package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

public record ContainerPruneResponse(@JsonProperty("ContainersDeleted") List<String> containersDeleted,
                                     @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}
