package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /version}: moby's {@code types.Version}. */
public record SystemVersion(
        @JsonProperty("Platform") Platform platform,
        @JsonProperty("Components") List<Component> components,
        @JsonProperty("Version") String version,
        @JsonProperty("ApiVersion") String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        @JsonProperty("GitCommit") String gitCommit,
        @JsonProperty("GoVersion") String goVersion,
        @JsonProperty("Os") String os,
        @JsonProperty("Arch") String arch,
        @JsonProperty("KernelVersion") String kernelVersion,
        @JsonProperty("BuildTime") String buildTime) {

    public record Platform(@JsonProperty("Name") String name) {}

    /** One part of the engine; {@code details} are free-form strings ({@code ApiVersion}, {@code GitCommit}...). */
    public record Component(
            @JsonProperty("Name") String name,
            @JsonProperty("Version") String version,
            @JsonProperty("Details") Map<String, String> details) {}
}
