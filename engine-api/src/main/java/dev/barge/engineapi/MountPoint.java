package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of inspect's and ps's {@code Mounts}; {@code Name} and {@code Driver} only for volumes. */
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Name") String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Driver") String driver,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation) {

    public MountPoint(String type, String source, String destination, String mode, boolean rw, String propagation) {
        this(type, "", source, destination, "", mode, rw, propagation);
    }
}
