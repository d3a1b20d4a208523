package dev.barge.volume;

import java.util.List;

/** Which containers reference a volume; the composition root answers from the container service. */
@FunctionalInterface
public interface VolumeUsage {
    /** IDs of the containers (running or not) whose mounts name the volume. */
    List<String> users(String volumeName);

    VolumeUsage NONE = name -> List.of();
}
