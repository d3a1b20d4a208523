package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One row of {@code GET /containers/json}. */
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("ImageID") String imageId,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("Ports") List<Port> ports,
        @JsonProperty("SizeRw") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRw,
        @JsonProperty("SizeRootFs") @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeRootFs,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("HostConfig") SummaryHostConfig hostConfig,
        @JsonProperty("NetworkSettings") SummaryNetworkSettings networkSettings,
        @JsonProperty("Mounts") List<MountPoint> mounts) {

    public record Port(@JsonProperty("IP") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ip,
                       @JsonProperty("PrivatePort") int privatePort,
                       @JsonProperty("PublicPort") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int publicPort,
                       @JsonProperty("Type") String type) {}

    public record SummaryHostConfig(@JsonProperty("NetworkMode") String networkMode) {}

    public record SummaryNetworkSettings(
            @JsonProperty("Networks") Map<String, NetworkSettings.EndpointSettings> networks) {}
}
