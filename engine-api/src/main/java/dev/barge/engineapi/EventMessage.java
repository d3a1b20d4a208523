package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One {@code /events} message, moby's {@code events.Message}. {@code status}, {@code id} and
 * {@code from} are the pre-1.22 fields Docker still sends for container and image events; they
 * are left out when empty.
 */
public record EventMessage(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("status") String status,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("id") String id,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("from") String from,
        @JsonProperty("Type") String type,
        @JsonProperty("Action") String action,
        @JsonProperty("Actor") Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") long time,
        @JsonProperty("timeNano") long timeNano) {

    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {}
}
