package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of inspect's and ps's {@code Mounts}. */
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {}
