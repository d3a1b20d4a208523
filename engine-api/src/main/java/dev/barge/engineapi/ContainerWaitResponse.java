package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /containers/{id}/wait}; {@code Error} only when the container failed to run. */
public record ContainerWaitResponse(@JsonProperty("StatusCode") int statusCode,
                                    @JsonProperty("Error") @JsonInclude(JsonInclude.Include.NON_NULL) WaitError error) {
    public record WaitError(@JsonProperty("Message") String message) {}
}
