package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /images/{name}/json}. {@code Config} is the image's run config with Docker's
 * field names (User, Env, Cmd, ...); {@code Created} is RFC 3339 with nanoseconds.
 * {@code VirtualSize} only for API &lt; 1.44 and {@code Variant} only when set (null omits).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("DockerVersion") String dockerVersion,
        @JsonProperty("Author") String author,
        @JsonProperty("Config") Map<String, Object> config,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Variant") String variant,
        @JsonProperty("Os") String os,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") Long virtualSize,
        @JsonProperty("GraphDriver") GraphDriver graphDriver,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonProperty("Metadata") Metadata metadata,
        /** Before API 1.45 only: docker-compose 1.29 reads {@code ContainerConfig.Volumes} when it recreates. */
        @JsonProperty("Container") @JsonInclude(JsonInclude.Include.NON_NULL) String container,
        @JsonProperty("ContainerConfig") @JsonInclude(JsonInclude.Include.NON_NULL) Object containerConfig) {

    public record GraphDriver(@JsonProperty("Name") String name, @JsonProperty("Data") Map<String, String> data) {}

    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {}

    /** {@code LastTagTime} is RFC 3339, {@code 0001-01-01T00:00:00Z} when never tagged. */
    public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {}
}
